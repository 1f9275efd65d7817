"""Reader-facing text of the embeds, in each site language (English is the fallback)."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "viewer_needs": "This interactive 3D view needs JavaScript and WebGL.",
        "viewer_loading": "Loading the 3D view…",
        "viewer_failed": "The 3D view could not be loaded.",
        "rcsb_link": "View {id} at the RCSB Protein Data Bank",
        "download_link": "Download the structure file ({format})",
        "space_load": "Load the live demo",
        "space_note": "The demo runs on Hugging Face: loading it connects your browser to huggingface.co and hf.space.",
        "space_link": "Open {id} on Hugging Face Spaces",
    },
    "ja": {
        "viewer_needs": "この 3D ビューの表示には JavaScript と WebGL が必要です。",
        "viewer_loading": "3D ビューを読み込んでいます…",
        "viewer_failed": "3D ビューを読み込めませんでした。",
        "rcsb_link": "RCSB PDB で {id} を見る",
        "download_link": "構造ファイルをダウンロード（{format}）",
        "space_load": "デモを読み込む",
        "space_note": "デモは Hugging Face 上で動きます。読み込むと、ブラウザが huggingface.co と hf.space に接続します。",
        "space_link": "Hugging Face Spaces で {id} を開く",
    },
}


def text(lang: str, key: str, **values: object) -> str:
    return TEXT.get(lang, TEXT["en"])[key].format(**values)
