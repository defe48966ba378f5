"""A screening process whose start-up takes SLOW_START_S seconds (a restart under CPU load, a large
watchlist); everything else is the real screening process."""

import os
import sys
import time

from streaming.screening_process import child_main

time.sleep(float(os.environ["SLOW_START_S"]))
sys.exit(child_main())
