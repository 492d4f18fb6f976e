"""The answer rooms' shared declarations (search.answer_room.AnswerRoom) are all defined where Answerers runs them."""

from __future__ import annotations

import ast
import inspect

import pytest

from search.answer_agencies import AgencyAnswers
from search.answer_references import ReferenceAnswers
from search.answer_room import AnswerRoom
from search.answer_similar import SimilarAnswers
from search.answer_targets import TargetAnswers
from search.answerers import Answerers

DECLARED = [name for name, member in vars(AnswerRoom).items() if inspect.isfunction(member)]
ROOMS = [ReferenceAnswers, AgencyAnswers, TargetAnswers, SimilarAnswers]


@pytest.mark.parametrize("name", DECLARED)
def test_every_shared_helper_is_defined_for_the_answerers(name: str) -> None:
    # a helper a room calls on self is declared in AnswerRoom and defined by Answerers or one of the rooms
    assert getattr(Answerers, name) is not getattr(AnswerRoom, name)


@pytest.mark.parametrize("room", ROOMS)
def test_every_room_is_an_answer_room_and_part_of_the_answerers(room: type) -> None:
    assert issubclass(room, AnswerRoom)
    assert room in Answerers.__mro__


@pytest.mark.parametrize("room", ROOMS)
def test_a_room_calls_on_self_only_what_it_or_the_room_base_declares(room: type) -> None:
    # (read from the source: every self.<name> a room uses is its own, a declared attribute, or an AnswerRoom member)
    tree = ast.parse(inspect.getsource(room))
    cls = next(n for n in tree.body if isinstance(n, ast.ClassDef))
    own = {n.name for n in cls.body if isinstance(n, ast.FunctionDef)}
    own |= {n.target.id for n in cls.body if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)}
    shared = set(vars(AnswerRoom)) | set(getattr(AnswerRoom, "__annotations__", {}))
    used = {
        n.attr for n in ast.walk(cls)
        if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id == "self"
    }
    assert used - own - shared == set()


@pytest.mark.parametrize("name", DECLARED)
def test_a_shared_helper_is_declared_with_the_signature_it_is_defined_with(name: str) -> None:
    assert inspect.signature(getattr(Answerers, name)) == inspect.signature(getattr(AnswerRoom, name))
