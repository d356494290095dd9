"""The public edition: strip before rendering, suppress small counts, guard the output."""
