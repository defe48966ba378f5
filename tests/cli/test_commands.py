"""`precwatch produce` against the real embedded broker; how screening defers interrupts (cli/commands.py)."""

import contextlib
import signal
import uuid
from pathlib import Path

import orjson
import pytest

from cli.commands import events_from_file, generated_events, interrupts_deferred, produce_events
from cli.main import main
from devtools.local import isolated_env
from pipeline.settings import Settings
from tests.agents.conftest import consume, with_env
from tests.conftest import press_ctrl_c

# Tests here send this process SIGINT (tests/conftest.py ctrl_c_raises_keyboard_interrupt).
pytestmark = pytest.mark.usefixtures("ctrl_c_raises_keyboard_interrupt")

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "devtools" / "data" / "transactions.jsonl"


def fresh_env(broker_url: str) -> dict[str, str]:
    from streaming.kafka import ensure_topics

    env = isolated_env(broker_url, f"produce-{uuid.uuid4().hex[:8]}")
    ensure_topics(Settings.from_env(env))
    return env


def test_two_generated_runs_publish_different_event_ids(broker_url):
    env = fresh_env(broker_url)
    assert with_env(env, ["produce", "--generate", "5"]) == 0
    assert with_env(env, ["produce", "--generate", "5"]) == 0
    records = consume(env, "PRECWATCH_TOPIC_TRANSACTIONS", lambda ms: len(ms) >= 10)
    event_ids = [orjson.loads(r.value)["event_id"] for r in records]
    assert len(event_ids) == 10 and len(set(event_ids)) == 10
    assert not any(event_id.startswith("evt-") for event_id in event_ids)  # not the example file's ids


def test_a_file_is_published_keyed_by_declaration_with_its_byte_order_mark_dropped(broker_url, tmp_path):
    env = fresh_env(broker_url)
    lines = EXAMPLES.read_bytes().splitlines()[:4]
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + b"\r\n".join(lines) + b"\r\n\r\n")
    assert produce_events(Settings.from_env(env), events_from_file(str(path))) == 4
    records = consume(env, "PRECWATCH_TOPIC_TRANSACTIONS", lambda ms: len(ms) >= 4)
    assert sorted(r.value for r in records) == sorted(lines)
    assert all(r.key == orjson.loads(r.value)["declaration_id"].encode() for r in records)


def test_generated_events_with_a_given_prefix_are_reproducible():
    assert list(generated_events(3, 7, "x")) == list(generated_events(3, 7, "x"))
    assert orjson.loads(next(generated_events(1, 7, "batch-1")))["event_id"] == "batch-1-00000001"


def test_a_missing_file_is_reported_before_connecting(tmp_path, capsys):
    assert main(["produce", str(tmp_path / "none.jsonl"), "--broker", "kafka://127.0.0.1:1"]) == 3
    assert "none.jsonl" in capsys.readouterr().err


def test_output_to_a_terminal_is_escaped_and_to_a_file_is_not(tmp_path):
    import io

    from cli.commands import output_to

    class Terminal(io.BytesIO):
        def isatty(self) -> bool:
            return True

    line = '{"description":"wax\u202e\x9b"}\n'.encode()
    terminal = Terminal()
    with output_to(None, terminal) as out:
        out.write(line)
    with output_to(str(tmp_path / "flags.jsonl"), terminal) as out:
        out.write(line)
    assert terminal.getvalue() == b'{"description":"wax\\u202e\\u009b"}\n'
    assert (tmp_path / "flags.jsonl").read_bytes() == line


@pytest.mark.parametrize("blocks", [1, 2])
def test_a_signal_sent_again_while_one_is_held_is_not_deferred(blocks):
    # review, sixteenth session: a chunk whose output does not drain (a stalled pipe) never ends its
    # block, and a Ctrl-C, then `timeout`'s SIGTERM, were both held while the write waited (10 minutes,
    # until SIGKILL). One signal waits for the block to end; a second is taken at once. In a block inside
    # another too (review36: the inner block handed the second signal to the outer one's handler, which held it).
    reached = []
    with pytest.raises(KeyboardInterrupt), contextlib.ExitStack() as blocks_entered:
        for _ in range(blocks):
            blocks_entered.enter_context(interrupts_deferred())
        press_ctrl_c()
        reached.append("after the first")
        press_ctrl_c()
        reached.append("after the second")
    assert reached == ["after the first"]
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_one_signal_waits_for_the_block_to_end():
    reached = []
    with pytest.raises(KeyboardInterrupt), interrupts_deferred():
        press_ctrl_c()
        reached.append("the block's end")
    assert reached == ["the block's end"]


def handled_by_a_recorder(received: list[int]):
    def record(signum: int, frame: object) -> None:
        received.append(signum)

    return record


def test_a_held_signal_goes_to_the_handler_before_the_block_once_when_the_block_ends():
    received: list[int] = []
    before = signal.signal(signal.SIGINT, handled_by_a_recorder(received))
    try:
        with interrupts_deferred() as block:
            press_ctrl_c()
            assert received == [] and block.held == [signal.SIGINT]
        assert received == [signal.SIGINT]
        assert signal.getsignal(signal.SIGINT) is not block.hold  # given back
    finally:
        signal.signal(signal.SIGINT, before)


def test_a_held_signal_is_dropped_under_a_handler_that_ignored_it_and_when_the_block_raises():
    received: list[int] = []
    before = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        with interrupts_deferred():
            press_ctrl_c()
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
        signal.signal(signal.SIGINT, handled_by_a_recorder(received))
        with pytest.raises(ValueError), interrupts_deferred():
            press_ctrl_c()
            raise ValueError("the block failed")
        assert received == []
    finally:
        signal.signal(signal.SIGINT, before)


def test_a_signal_held_goes_before_the_one_that_insists():
    # review36: a SIGTERM held, then Ctrl-C: the SIGTERM's handler (the default action: the end of the process)
    # takes it first, not only the Ctrl-C's
    received: list[int] = []
    before = {s: signal.signal(s, handled_by_a_recorder(received)) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        with interrupts_deferred():
            signal.raise_signal(signal.SIGTERM)
            assert received == []
            press_ctrl_c()
            assert received == [signal.SIGTERM, signal.SIGINT]
        assert received == [signal.SIGTERM, signal.SIGINT]  # nothing delivered twice at the end
    finally:
        for s, handler in before.items():
            signal.signal(s, handler)
