"""MkDocs hook standing in for techdocs-core's metadata step (techdocs-core is
not installable here): the TechDocs reader takes the page title and subtitle
from techdocs_metadata.json, so write site_name and site_description into it."""
import json
import os


def on_post_build(config, **kwargs):
    path = os.path.join(config["site_dir"], "techdocs_metadata.json")
    metadata = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            metadata = json.load(f)
    metadata["site_name"] = config["site_name"]
    metadata["site_description"] = config.get("site_description") or ""
    with open(path, "w", encoding="utf-8") as f:
        json.dump(metadata, f)
