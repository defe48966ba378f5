from tests.factories import make_screener

SCREENER = make_screener()


def test_a_crashed_agent_makes_the_worker_unhealthy():
    from streaming.metrics import HealthState, Metrics
    from streaming.runtime import Runtime

    runtime = Runtime(SCREENER.settings, SCREENER, Metrics(), HealthState())
    runtime.health.subscribed = runtime.health.watchlist_loaded = True
    assert runtime.health.ready
    runtime.agent_crashed("precwatch-repository", ValueError("Consignee B.V. said no"))
    assert not runtime.health.alive and not runtime.health.ready
