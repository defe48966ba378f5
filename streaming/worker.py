"""The worker's Faust app instance: `faust -A streaming.worker worker` (what `precwatch worker` runs).

Built on import, from PRECWATCH_* settings; nothing else imports this module."""

from streaming.app import create_app, tune_garbage_collector

app = create_app()
tune_garbage_collector()
