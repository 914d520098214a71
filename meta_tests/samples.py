"""Small conformance-test files that meta tests run through the suite's plugin (with pytester)."""

#: test_fresh passes on a correct backend, test_wrong fails on every backend (it expects None from
#: get_or_create), test_int64 checks the step's dtype.
CONFORMANCE_TESTS = '''
import pytest
from harness.program import Program
from harness import assertions as ah

@pytest.mark.clause("GS-GET-NONE-FRESH")
def test_fresh(backend):
    p = Program(backend)
    with p.default(p.call("Graph", as_="g")):
        ah.assert_none(p, "found", p.call("train.get_global_step", as_="found"))

@pytest.mark.clause("GS-GET-FINDS-STEP")
def test_wrong(backend):
    p = Program(backend)
    with p.default(p.call("Graph", as_="g")):
        ah.assert_none(p, "found", p.call("train.get_or_create_global_step", as_="found"))

@pytest.mark.clause("GS-CREATE-FRESH-INT64")
def test_int64(backend):
    p = Program(backend)
    with p.default(p.call("Graph", as_="g")):
        step = p.call("train.get_or_create_global_step", as_="step")
    ah.assert_equal(p, "step.dtype.base_dtype", step.dtype.base_dtype, p.api_value("int64"))
'''

#: One test that passes on any correct backend (GS-GET-NONE-FRESH).
ONE_TEST = {"test_one.py": '''
import pytest
from harness.program import Program

@pytest.mark.clause("GS-GET-NONE-FRESH")
def test_fresh(backend):
    p = Program(backend)
    with p.default(p.call("Graph", as_="g")):
        assert p.call("train.get_global_step") is None
'''}

#: One test that calls create_global_step (GS-CREATE-NEW), for backends that lack it or break in it.
CREATE_TEST = {"test_two.py": '''
import pytest
from harness.program import Program

@pytest.mark.clause("GS-CREATE-NEW")
def test_create(backend):
    p = Program(backend)
    with p.default(p.call("Graph", as_="g")):
        p.call("train.create_global_step")
'''}
