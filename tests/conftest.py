import sys
from pathlib import Path

# Tests import their factories as `tests.factories` whether or not the package is installed.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
