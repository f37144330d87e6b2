# load_pandas.py - peer loader: pandas.read_csv (default C engine) on argv[1], prints rows=N.
# Run with /usr/bin/python3 (Debian's python3-pandas), see deps.sh.
import sys

import pandas as pd

df = pd.read_csv(sys.argv[1])
print(f"rows={len(df)}")
