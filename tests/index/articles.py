"""Short health articles written for the index and export tests, annotated with the fixture lexicon.

Each article is a dict of the record fields the tests rely on; ``annotated`` runs them through the
real pipeline (``raw``: the text is clean content) and fills in the metadata a page would carry.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

LEXICON = Path(__file__).with_name("data") / "concepts.yaml"

ARTICLES: list[dict[str, Any]] = [
    {
        "id": "ra-mtx",
        "title": "类风湿关节炎患者如何使用甲氨蝶呤",
        "published": "2021-06-01",
        "source_name": "风湿科科普",
        "url": "https://www.rheum.example.org/a/1",
        "text": "类风湿关节炎是一种慢性自身免疫病，常见关节肿痛和晨僵。甲氨蝶呤是治疗类风湿关节炎的基础药物，"
        "通常每周口服一次。服用甲氨蝶呤期间要定期复查血常规和肝功能，部分患者会出现恶心。",
    },
    {
        "id": "ra-old",
        "title": "关节痛不一定是关节炎",
        "published": "2019-03-10",
        "source_name": "健康报",
        "url": "https://news.example.com/joint",
        "text": "很多人关节痛就以为是关节炎。类风湿性关节炎的患者常需长期服用氨甲喋呤，医生会根据病情调整剂量。"
        "没有发热的关节痛也要就医。",
    },
    {
        "id": "ms-stem",
        "title": "多发性硬化的干细胞治疗进展",
        "published": "2022-09-09",
        "source_name": "神经内科",
        "url": "https://www.neuro.example.org/ms",
        "text": "多发性硬化是中枢神经系统的慢性疾病，患者常出现复视和肢体乏力。\n近年来间充质干细胞治疗在多发性硬化中的研究"
        "越来越多，但干细胞治疗仍需更多临床证据。急性发作期可以使用糖皮质激素。",
    },
    {
        "id": "ms-negated",
        "title": "一位多发性硬化症患者的随访",
        "published": "2020-01-15",
        "source_name": "神经内科",
        "url": None,
        "text": "这位多发性硬化症患者随访三年，病情稳定，没有复视，也没有出现新的症状。医生建议继续康复训练。",
    },
    {
        "id": "flu",
        "title": "流感季节注意事项",
        "published": "2023-12-01",
        "source_name": "健康报",
        "url": "https://news.example.com/flu",
        "text": "流感高发季节，出现发热、咳嗽要及时就医。奥司他韦需在医生指导下使用，多喝水、注意休息。",
    },
]


def pipeline(raw: bool = True):
    from medannot import Pipeline, load_lexicon

    return Pipeline(lexicon=load_lexicon([LEXICON], builtin=False), raw=raw)


def annotated(articles: list[dict[str, Any]] = ARTICLES, raw_pipeline=None) -> list[dict[str, Any]]:
    """The articles as record dicts."""
    raw_pipeline = raw_pipeline or pipeline()
    records = []
    for article in articles:
        record = raw_pipeline.annotate(article["text"], id=article["id"], url=article.get("url")).to_dict()
        record["meta"].update({k: article.get(k) for k in ("title", "published", "source_name")})
        records.append(record)
    return records


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in records))
    return path
