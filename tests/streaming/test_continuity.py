from pipeline.messages import InMessage
from streaming.continuity import Hole, OffsetContinuity


def records(*located: tuple[int, int]) -> list[InMessage]:
    return [InMessage(b"{}", None, "tx", partition, offset) for partition, offset in located]


def tracker_at(**starts: int) -> OffsetContinuity:
    tracker = OffsetContinuity()
    for name, offset in starts.items():
        tracker.start_at(int(name.removeprefix("p")), offset)
    return tracker


def test_consecutive_offsets_have_no_holes():
    tracker = tracker_at(p0=10, p1=0)
    assert tracker.observe(records((0, 10), (1, 0), (0, 11), (1, 1))) == []
    assert tracker.observe(records((0, 12), (1, 2))) == []


def test_a_partition_starting_beyond_its_committed_offset_has_a_hole():
    tracker = tracker_at(p0=6609)
    assert tracker.observe(records((0, 6654), (0, 6655))) == [Hole(0, 6609, 6654)]


def test_a_jump_inside_the_stream_is_a_hole_and_the_stream_goes_on_from_there():
    tracker = tracker_at(p0=0, p1=0)
    holes = tracker.observe(records((0, 0), (1, 0), (0, 1), (0, 5), (1, 1), (0, 6)))
    assert holes == [Hole(0, 2, 5)]
    assert len(holes[0]) == 3
    assert tracker.observe(records((0, 7))) == []


def test_re_deliveries_after_a_seek_back_are_not_holes_and_are_checked_themselves():
    tracker = tracker_at(p0=100)
    assert tracker.observe(records((0, 100), (0, 101), (0, 102))) == []
    # sought back to 100: the run is delivered again, and a jump inside it is still a hole
    assert tracker.observe(records((0, 100), (0, 101), (0, 103))) == [Hole(0, 102, 103)]


def test_unknown_partitions_are_reported_until_started_and_all_again_after_a_rebalance():
    tracker = tracker_at(p0=0)
    assert tracker.unknown(records((0, 0), (1, 0), (2, 4))) == {1, 2}
    tracker.start_at(1, 0)
    assert tracker.observe(records((0, 0), (1, 0))) == []
    assert tracker.unknown(records((0, 1), (1, 1))) == set()
    tracker.reset()
    assert tracker.unknown(records((0, 1), (1, 1))) == {0, 1}
