"""Reading the workspace: YAML with positions, located messages, the validated models."""
