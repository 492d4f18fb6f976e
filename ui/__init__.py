"""policykg front ends: the ``policykg`` CLI (ui.cli), the FastAPI app (ui.api), the Streamlit app (ui.app).

All three are thin layers over ``search.service.PolicyKG``, built from one ``ui.config.Settings`` by
``ui.factory.open_policykg``.
"""
