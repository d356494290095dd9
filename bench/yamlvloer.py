"""libyaml's event stream alone: the floor under reading an archive (issue 18).

`make bench` runs this beside a cold one-core `validate` of the same archive: every file of the
data folder read as text and parsed into events with CSafeLoader, nothing built from them. What
`validate` costs beyond this is building values with their positions, pydantic and the rules.

    python bench/yamlvloer.py DATA_DIR
"""

import sys
from pathlib import Path

import yaml

events = 0
for path in sorted(Path(sys.argv[1]).glob("*.yaml")):
    for _ in yaml.parse(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader):
        events += 1
print(events)
