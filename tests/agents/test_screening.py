"""The screening agent's own helpers (its flow is tested end to end in the other files here)."""

import asyncio

from aiokafka.errors import IllegalStateError
from faust.types import TP

from agents.screening import consumer_lag


class ConsumerDuringRebalance:
    """Partition 1 is taken away between the assignment and the position lookups."""

    def assignment(self):
        return {TP("tx", 0), TP("tx", 1), TP("other", 0)}

    async def highwaters(self, *tps):
        return {tp: 100 for tp in tps}

    async def position(self, tp):
        if tp.partition == 1:
            raise IllegalStateError(f"Partition {tp} is not assigned")
        return 40


class SteadyConsumer(ConsumerDuringRebalance):
    async def position(self, tp):
        return 40 if tp.partition == 0 else 120  # the end as seen before a late fetch


def test_lag_per_partition_of_the_input_topic():
    assert asyncio.run(consumer_lag(SteadyConsumer(), "tx")) == {0: 60, 1: 0}


def test_a_partition_moving_while_lag_is_measured_skips_the_measurement_instead_of_crashing():
    assert asyncio.run(consumer_lag(ConsumerDuringRebalance(), "tx")) is None
