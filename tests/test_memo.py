"""memo.PerObject: computed once per object, forgotten with it."""

import gc

import pandas as pd
import pytest

from tradestats.present import memo


def test_a_value_is_computed_once_per_object_and_goes_with_it():
    calls = []
    width = memo.PerObject(lambda frame: calls.append(id(frame)) or len(frame.columns))
    a, b = pd.DataFrame({"x": [1]}), pd.DataFrame({"x": [1], "y": [2]})
    assert (width(a), width(a), width(b)) == (1, 1, 2)
    assert len(calls) == 2
    gone = id(a)
    del a
    gc.collect()
    assert gone not in width._values and id(b) in width._values  # a later object with a's id starts afresh


def test_an_object_it_cannot_watch_is_refused_and_leaves_nothing():
    size = memo.PerObject(len)
    with pytest.raises(TypeError):
        size((1, 2, 3))  # a tuple cannot be weakly referenced: its id could be reused unseen
    assert size._values == {}
