"""The analyst's app (Streamlit): charts of the warehouse, its findings, and the review queue
that turns extracted figures into curated ones. `make app` starts it; main.py is the entry."""
