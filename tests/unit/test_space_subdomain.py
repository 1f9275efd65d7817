"""The host name of a Hugging Face Space, derived from its owner and name."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fieldnotes.core.features.space.fence import check_space
from fieldnotes.core.hub import HUB_NAME_RE, space_subdomain


@pytest.mark.parametrize(
    ("owner", "name", "subdomain"),
    [
        ("simonduerr", "3dmol.js", "simonduerr-3dmol-js"),  # the Space of the protein article
        ("NimaBoscarino", "hotdog-gradio", "nimaboscarino-hotdog-gradio"),  # the example in the Hub documentation
        ("Some_User", "My.Space_v2", "some-user-my-space-v2"),
        ("a.b", "C_D.e", "a-b-c-d-e"),
        ("ORG", "UPPER", "org-upper"),
        ("user", "x", "user-x"),
        ("user", "_private", "user--private"),
        ("user", "v1.2.3", "user-v1-2-3"),
    ],
)
def test_space_subdomain(owner, name, subdomain):
    assert space_subdomain(owner, name) == subdomain


def test_rendered_space_uses_the_subdomain():
    options = check_space("id: Simon_Duerr/3Dmol.JS")
    assert options.app_url == "https://simon-duerr-3dmol-js.hf.space"
    assert options.page_url == "https://huggingface.co/spaces/Simon_Duerr/3Dmol.JS"


hub_names = st.from_regex(HUB_NAME_RE, fullmatch=True).filter(
    lambda part: "--" not in part and ".." not in part and len(part) <= 96
)


@given(hub_names, hub_names)
def test_subdomain_is_a_lowercase_host_label_of_the_same_length(owner, name):
    subdomain = space_subdomain(owner, name)
    assert re.fullmatch(r"[a-z0-9-]+", subdomain)
    assert len(subdomain) == len(owner) + 1 + len(name)
