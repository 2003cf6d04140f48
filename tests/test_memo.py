"""memo.PerObject: computed once per object, forgotten with it."""

import gc

import pandas as pd

from tradestats import memo


def test_a_value_is_computed_once_per_object_and_goes_with_it():
    calls = []
    width = memo.PerObject(lambda frame: calls.append(id(frame)) or len(frame.columns))
    a, b = pd.DataFrame({"x": [1]}), pd.DataFrame({"x": [1], "y": [2]})
    assert (width(a), width(a), width(b)) == (1, 1, 2)
    assert len(calls) == 2
    del a
    gc.collect()
    assert len(width._values) == 1  # a later frame given a's id computes afresh
