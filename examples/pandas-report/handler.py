"""Summarise a small table: pandas builds it, DuckDB aggregates it with SQL, SciPy tests it."""
import duckdb
import pandas as pd
from scipy import stats


def lambda_handler(event, context):
    rows = event.get("rows") or [
        {"city": "Lisbon", "temp": 21.5},
        {"city": "Oslo", "temp": 8.0},
        {"city": "Lisbon", "temp": 23.0},
        {"city": "Oslo", "temp": 9.5},
    ]
    frame = pd.DataFrame(rows)
    means = duckdb.sql(
        "SELECT city, round(avg(temp), 2) AS mean FROM frame GROUP BY city ORDER BY city"
    ).df()
    cities = frame["city"].unique()
    p_value = None
    if len(cities) == 2:
        a, b = (frame.loc[frame["city"] == c, "temp"] for c in cities)
        if len(a) > 1 and len(b) > 1:
            p_value = round(float(stats.ttest_ind(a, b).pvalue), 4)
    return {
        "rows": len(frame),
        "mean_temp": dict(zip(means["city"], means["mean"].astype(float))),
        "p_value": p_value,
        "versions": {"pandas": pd.__version__, "duckdb": duckdb.__version__},
    }
