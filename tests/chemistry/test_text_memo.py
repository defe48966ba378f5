"""Readings remembered per text (chemistry/text_memo.py): the same answer, a bounded memory, and a cold start on demand."""

from chemistry import identifiers
from chemistry.text_memo import TEXT_MEMO_ENTRIES, TEXT_MEMO_MAX_CHARS, clear_text_memos, remember_per_text
from pipeline import caches


def _counting_reader():
    calls = []

    @remember_per_text
    def read(name, description):
        calls.append((name, description))
        return f"{name}|{description}"

    return read, calls


def test_a_reading_of_texts_met_before_is_remembered_and_the_same():
    read, calls = _counting_reader()
    first = read("acetone", "25 kg drums")
    assert read("acetone", "25 kg drums") == first == "acetone|25 kg drums"
    assert read("acetone", None) == "acetone|None"
    assert calls == [("acetone", "25 kg drums"), ("acetone", None)]


def test_long_texts_are_read_afresh_and_the_memo_holds_a_bounded_number_of_readings():
    read, calls = _counting_reader()
    long = "x" * TEXT_MEMO_MAX_CHARS
    assert read(long, "y") == read(long, "y")
    assert len(calls) == 2  # over the length bound together: not remembered
    for n in range(TEXT_MEMO_ENTRIES + 10):
        read(str(n), None)
    assert read.cache_info().currsize == TEXT_MEMO_ENTRIES


def test_the_pipeline_reads_texts_through_the_same_memo():
    assert caches.remember_per_text is remember_per_text


def test_a_names_trade_words_are_stripped_once_per_piece_and_a_benchmark_can_start_cold():
    strip = identifiers._strip_trade_words
    clear_text_memos()
    assert strip.cache_info().currsize == 0
    first = strip("Toluol techn. 99 %, 200 l Fass")
    again = strip("Toluol techn. 99 %, 200 l Fass")
    assert first == again and "Toluol" in first and "99" not in first
    assert strip.cache_info().hits == 1 and strip.cache_info().currsize == 1
    clear_text_memos()
    assert strip.cache_info().currsize == 0
