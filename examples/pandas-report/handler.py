"""Summarise a small table with pandas and round-trip it through Parquet with pyarrow."""
import io

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq


def lambda_handler(event, context):
    rows = event.get("rows") or [
        {"city": "Lisbon", "temp": 21.5},
        {"city": "Oslo", "temp": 8.0},
        {"city": "Lisbon", "temp": 23.0},
    ]
    frame = pd.DataFrame(rows)
    buffer = io.BytesIO()
    pq.write_table(pa.Table.from_pandas(frame), buffer)
    back = pq.read_table(io.BytesIO(buffer.getvalue())).to_pandas()
    summary = back.groupby("city")["temp"].mean().round(2).to_dict()
    return {"rows": len(back), "mean_temp": summary, "pandas": pd.__version__, "pyarrow": pa.__version__}
