"""The import as a pipeline (issue 27): a statistics file followed through the import's modules
(benchmarks/import_stops.py) goes read → vocabulary → headers → rows → plan → write, each stage handed its
input by the orchestrator (importer) and not called back — the header rows read once, never asked again by
the reader of the rows; the plan and write stages never call importer or a stage before them."""

import importlib.util

from tradestats import config

SCRIPT = config.ROOT / "benchmarks" / "import_stops.py"
HELPERS = {"unsplit", "market_import"}  # what the plan and write stages call, and come back from


def tracer():
    spec = importlib.util.spec_from_file_location("import_stops", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_statistics_file_passes_each_stage_in_order_and_comes_back_to_none(tmp_path):
    stops = tracer()
    sequence = stops.trace(stops.DEFAULT_FILE, tmp_path)
    # The stages as importer hands the file from one to the next, a helper's stops counted as its caller's.
    stages = [m for m in sequence if m != "importer" and m not in HELPERS]
    stages = [m for i, m in enumerate(stages) if i == 0 or stages[i - 1] != m]
    first = list(dict.fromkeys(stages))
    assert first[:4] == ["sources", "vocabulary", "headers", "value_words"], sequence
    assert first.index("stats_file") < first.index("planning") < first.index("writing"), sequence
    again = {m: n for m, n in stops.summary(stages)["visits"].items() if n > 1}
    # Allowed once more each: a CSV's rows under its header read after the header (sources), what the import
    # remembers kept by the module that read it (headers: the mapping; value_words: the words). The header
    # stage is never called back by the rows' reader, nor the plan stage by the write stage.
    assert set(again) <= {"sources", "headers", "value_words"} and max(again.values()) == 2, sequence
    heads = [i for i, m in enumerate(sequence) if m == "headers"]
    assert len(heads) == 2 and heads[1] > max(i for i, m in enumerate(sequence) if m == "stats_file"), sequence
    # From the plan to the write: importer hands the plan on once, and nothing before the plan is called.
    plan, written = sequence.index("planning"), len(sequence) - 1 - sequence[::-1].index("writing")
    assert set(sequence[plan:written + 1]) == {"planning", "writing", "importer", *HELPERS}, sequence
    assert sequence[plan:written + 1].count("importer") == 1, sequence
    # A helper comes back to the stage that called it (the figures of all sectors: compared, then written).
    for i, m in enumerate(sequence):
        if m in HELPERS:
            assert sequence[i - 1] == sequence[i + 1] in {"planning", "writing"}, sequence
    summary = stops.summary(sequence)
    # 45 before the pipeline (610baa0); 15 when importer planned and wrote (d64a966), where the plan and write
    # stages' calls to unsplit and market_import came back to importer, and now come back to them.
    assert summary["returns"] <= 17, summary
