import pytest

from thai_core.slugs import article_slug, is_valid_slug, taxonomy_slug


@pytest.mark.parametrize("value", ["news", "thaigov-13982", "a-1-b"])
def test_valid(value):
    assert is_valid_slug(value)


@pytest.mark.parametrize("value", ["", "News", "ข่าว", "a--b", "-a", "a b", "a_b"])
def test_invalid(value):
    assert not is_valid_slug(value)


def test_article_slug_from_file_name():
    assert article_slug("durian-export") == "durian-export"
    thai = article_slug("ข่าวทุเรียน")
    assert thai == article_slug("ข่าวทุเรียน") and is_valid_slug(thai)
    assert thai != article_slug("ข่าวทุเรียน2")
    assert article_slug("SME ข่าว").startswith("sme-")


def test_taxonomy_slug_known_ascii_and_thai():
    known = {"ด้านเศรษฐกิจ": "economy"}
    assert taxonomy_slug("ด้านเศรษฐกิจ", known) == "economy"
    assert taxonomy_slug("  ด้านเศรษฐกิจ ", known) == "economy"
    assert taxonomy_slug("Government News") == "government-news"
    # Tone marks matter: ข่าว and ขาว romanize alike but never share a URL.
    assert taxonomy_slug("ข่าว") != taxonomy_slug("ขาว")
    for name in ("ทุเรียน", "โควิด-19", "ครม.", "😀", "!!!"):
        slug = taxonomy_slug(name)
        assert is_valid_slug(slug) and slug == taxonomy_slug(name)
