"""Dagster assets, one module each. Importing this package loads none of them: `assets.dbt` needs
the dbt manifest, and the loaders and the extraction do not."""
