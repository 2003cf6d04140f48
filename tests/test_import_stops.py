"""The import as a pipeline (issue 27): a statistics file followed through the import's modules
(benchmarks/import_stops.py) goes read → vocabulary → headers → rows → plan and write, each stage handed its
input by the orchestrator (importer) and not called back — the header rows read once, never asked again by
the reader of the rows."""

import importlib.util

from tradestats import config

SCRIPT = config.ROOT / "benchmarks" / "import_stops.py"


def tracer():
    spec = importlib.util.spec_from_file_location("import_stops", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_statistics_file_passes_each_stage_in_order_and_comes_back_to_none(tmp_path):
    stops = tracer()
    sequence = stops.trace(stops.DEFAULT_FILE, tmp_path)
    stages = [m for m in sequence if m != "importer"]  # the orchestrator hands the file from one stage to the next
    first = list(dict.fromkeys(stages))
    assert first[:4] == ["sources", "vocabulary", "headers", "value_words"], sequence
    assert first.index("stats_file") < first.index("unsplit"), sequence
    again = {m: n for m, n in stops.summary(stages)["visits"].items() if n > 1}
    # Allowed once more each: a CSV's rows under its header read after the header (sources), what the import
    # remembers kept by the module that read it (headers: the mapping; value_words: the words), the figures of
    # all sectors compared, then written (unsplit). The header stage is never called back by the rows' reader.
    assert set(again) <= {"sources", "headers", "value_words", "unsplit"} and max(again.values()) == 2, sequence
    heads = [i for i, m in enumerate(sequence) if m == "headers"]
    assert len(heads) == 2 and heads[1] > max(i for i, m in enumerate(sequence) if m == "stats_file"), sequence
    summary = stops.summary(sequence)
    assert summary["returns"] <= 15, summary  # 45 before the pipeline (610baa0)
