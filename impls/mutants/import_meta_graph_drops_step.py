"""import_meta_graph remakes the variables but not the GLOBAL_STEP collection, so an imported graph has no step."""
from impls.mutants import train_text_edited

KILLED_BY = {"GS-GET-IMPORTED-STEP": "fail"}

api = train_text_edited('collections=record["collections"],',
                        'collections=[c for c in record["collections"] if c != GraphKeys.GLOBAL_STEP],')
