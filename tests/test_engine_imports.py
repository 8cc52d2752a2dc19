"""The engine is the ground floor: importing it pulls in no plotting and nothing above it."""

import subprocess
import sys


def test_importing_the_engine_loads_neither_matplotlib_scikit_learn_nor_higher_nnviz_layers():
    code = (
        "import sys, nnviz.engine; "
        "bad = [m for m in sys.modules if m.split('.')[0] == 'matplotlib' "
        "or m.split('.')[0] == 'sklearn' "
        "or m.startswith(('nnviz.render', 'nnviz.build', 'nnviz.site'))]; "
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_the_public_api_exports_the_contract_names():
    import nnviz.engine as engine

    assert {"MLP", "SGD", "random_family", "datasets", "History", "TrainingDiverged", "MLPClassifier",
            "MLPRegressor"} <= set(engine.__all__)
    assert engine.MLPClassifier.__module__ == "nnviz.engine.estimators"  # loaded on first use
