"""Related posts: shared tags first, newest first among equals, in the reader's language."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from fieldnotes.core.social.related import PostFacts, RelatedPosts


def post(slug, lang, tags, day, original=True):
    return PostFacts(slug, lang, tuple(tags), dt.date(2023, 1, day), original)


POSTS = [
    post("qlora", "en", ["quantization", "fine-tuning", "llm"], 10),
    post("qlora", "ja", ["quantization", "fine-tuning", "llm"], 10, original=False),
    post("bloom", "en", ["inference", "llm"], 5),
    post("bloom", "ja", ["inference", "llm"], 5, original=False),
    post("rlhf", "en", ["rlhf", "fine-tuning", "llm"], 20),
    post("peft", "ja", ["fine-tuning", "llm"], 25),  # a Japanese original with no English version
    post("gptq", "en", ["quantization", "fine-tuning", "llm"], 2),
    post("ethics", "en", ["ethics"], 28),
    post("unlearning", "en", ["privacy"], 27),
]

RELATED = RelatedPosts(POSTS)


def slugs(suggestions):
    return [s.post.slug for s in suggestions]


def test_most_shared_tags_first_then_newest():
    suggestions = RELATED.for_post("qlora", "en")
    assert slugs(suggestions) == ["gptq", "peft", "rlhf"]
    assert [s.shared_tags for s in suggestions] == [3, 2, 2]


def test_missing_version_falls_back_to_the_original_marked_foreign():
    english = {s.post.slug: s for s in RELATED.for_post("qlora", "en")}
    assert english["peft"].foreign and english["peft"].post.lang == "ja"
    assert not english["gptq"].foreign and english["gptq"].post.lang == "en"
    japanese = {s.post.slug: s for s in RELATED.for_post("qlora", "ja")}
    assert not japanese["peft"].foreign
    assert japanese["gptq"].foreign and japanese["gptq"].post.lang == "en"


def test_posts_sharing_no_tag_fill_the_list_newest_first():
    assert slugs(RELATED.for_post("ethics", "en")) == ["unlearning", "peft", "rlhf"]
    assert [s.shared_tags for s in RELATED.for_post("ethics", "en")] == [0, 0, 0]


def test_never_the_post_itself_and_never_twice():
    for slug in {p.slug for p in POSTS}:
        found = slugs(RELATED.for_post(slug, "ja", count=10))
        assert slug not in found
        assert len(found) == len(set(found)) == len({p.slug for p in POSTS}) - 1


def test_unknown_post():
    with pytest.raises(ValueError, match="no post 'nope'"):
        RELATED.for_post("nope", "en")


def test_the_tag_index_gives_the_order_of_scoring_every_pair():
    rng = random.Random(7)
    tags = [f"t{i}" for i in range(12)]
    posts = []
    for n in range(300):
        slug, day = f"p{n:03}", dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(900))
        chosen = tuple(rng.sample(tags, rng.randrange(0, 4)))
        posts.append(PostFacts(slug, "en", chosen, day, True))
        if rng.random() < 0.5:
            posts.append(PostFacts(slug, "ja", chosen, day, False))
    related = RelatedPosts(posts)
    read_in_japanese = {p.slug: p for p in posts if p.lang == "en"} | {p.slug: p for p in posts if p.lang == "ja"}
    for post in posts[::7]:
        own = set(post.tags)
        others = [p for p in read_in_japanese.values() if p.slug != post.slug]
        expected = sorted(others, key=lambda p: (-len(own & set(p.tags)), -p.date.toordinal(), p.slug))[:3]
        assert slugs(related.for_post(post.slug, "ja")) == [p.slug for p in expected]
