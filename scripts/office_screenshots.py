"""Screenshots of the office window (`evaluator-app office DIR`) at 1366×768, for docs/office.md.

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python scripts/office_screenshots.py \
        [OUT_DIR] [--language zh_CN|en]

Builds, in a temporary folder, 12 signed packages on "the panel's laptop" (`demo --pilots 12`, a configuration
folder of its own), a copy of one whose report has a flipped byte, and a 14th package from another laptop. The
office registers the panel's certificate (not the other one), imports a 专家库 workbook of 45 fictitious experts,
and the window is grabbed on each tab, a package's detail and the draw dialog: office-register.png,
office-package.png, office-library.png, office-draw.png, office-trust.png (docs/screenshots/ for Chinese,
docs/screenshots-en/ for English).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.factories import flip_report_byte  # noqa: E402  (the altered copy the tests use too)

OUT_DIRS = {"zh_CN": ROOT / "docs" / "screenshots", "en": ROOT / "docs" / "screenshots-en"}
HEADER = ["姓名", "类别", "单位", "地区", "职称", "学历", "高级职称", "从业年限", "电话", "专业领域", "状态"]
SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂"
ORGS = {"标准化专家": ["某省标准化研究院", "某市质量技术监督研究所", "某省标准化协会", "某大学标准化研究中心"],
        "行业专家": ["某省政务服务管理办公室", "某市行政审批局", "某省大数据中心", "某区便民服务中心"],
        "管理人员": ["某省市场监督管理局", "某市市场监督管理局", "某省发展和改革委员会"]}


def expert_workbook(path: Path) -> Path:
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "专家库"
    ws.append(HEADER)
    n = 0
    for category, count in (("标准化专家", 16), ("行业专家", 16), ("管理人员", 13)):
        for i in range(count):
            name = SURNAMES[n % len(SURNAMES)] + GIVEN[(n * 7) % len(GIVEN)] + ("" if n < len(SURNAMES) else "华")
            senior = "否" if i == 5 else "是"
            education = "大专" if i == 7 else ("博士研究生" if i % 3 == 0 else "硕士研究生")
            status = "暂停" if i == 9 else "在库"
            ws.append([name, category, ORGS[category][i % len(ORGS[category])], "某省",
                       "研究员" if senior == "是" else "工程师", education, senior, 6 + i, f"1390000{n:04d}",
                       "公共服务标准化", status])
            n += 1
    wb.save(path)
    return path


def main(out_dir: Path, language: str) -> None:
    work = Path(tempfile.mkdtemp(prefix="evaluator-office-shots-"))
    os.environ["EVALUATOR_APP_DATA_DIR"] = str(work / "data")
    os.environ["EVALUATOR_APP_CONFIG_DIR"] = str(work / "panel-config")
    from evaluator_app.services.files import export_json
    from evaluator_app.services.office_demo import build_office_demo
    from evaluator_app.signing.seal import certificate_fingerprint

    entries = build_office_demo(work / "panel", 12)
    fingerprint = certificate_fingerprint()
    received = work / "报送包"
    shutil.copytree(work / "panel" / "报送包", received)
    flip_report_byte(entries[3].package, received / "013-复制件.zip")
    os.environ["EVALUATOR_APP_CONFIG_DIR"] = str(work / "other-config")  # a panel not registered at the office
    other = build_office_demo(work / "other", 1)
    shutil.copy(other[0].package, received / "014-未登记证书.zip")
    pilot = work / "某市政务服务中心-试点.json"
    export_json(entries[0].evaluation, pilot)

    os.environ["EVALUATOR_APP_CONFIG_DIR"] = str(work / "office-config")  # the office's own installation
    from evaluator_app.signing import trust
    trust.add(fingerprint)
    trust.export_certificate(work / "office.pem")  # the office's own certificate, shown on the trust tab

    from ui import messages
    from ui.app import create_application
    from ui.office.window import OfficeWindow
    from ui.settings import AppSettings

    messages.interactive = False
    app = create_application()
    settings = AppSettings()
    settings.language = language
    settings.sync()
    window = OfficeWindow(settings)
    window.resize(1366, 768)
    window.show()

    def settle(rounds: int = 20) -> None:
        for _ in range(rounds):
            app.processEvents()
            time.sleep(0.01)

    def wait() -> None:
        deadline = time.monotonic() + 300
        while window.busy and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.02)
        settle()

    out_dir.mkdir(parents=True, exist_ok=True)

    def save(widget, name: str) -> None:
        settle()
        widget.grab().save(str(out_dir / name))
        print(out_dir / name)

    window.open_folder(str(received))
    wait()
    save(window, "office-register.png")

    register = window.register
    assert register is not None
    row = next((r for r in register.rows if any(f.code == "deadline" for f in r.flags)), register.rows[0])
    dialog = window.open_package(row)
    assert dialog is not None
    dialog.resize(1000, 760)
    save(dialog, "office-package.png")
    dialog.close()

    window.create_library(str(work / "专家库.sqlite"), str(expert_workbook(work / "专家名单.xlsx")))
    wait()
    window.tabs.setCurrentIndex(1)
    save(window, "office-library.png")

    draw = window.open_draw()
    assert draw is not None
    draw.pilot.setText(str(pilot))
    draw.size.setValue(7)
    draw.reserve.setValue(3)
    draw.seed.setText("2026-11-28 现场确定：37 15 08")
    draw.exclude.setPlainText("某省大数据中心")
    draw.by.setText("省联席办公室 张某")
    draw.witnesses.setText("李某、王某")
    window.run_draw()
    draw.resize(1300, 760)
    save(draw, "office-draw.png")
    draw.close()

    window.tabs.setCurrentIndex(2)
    save(window, "office-trust.png")
    window.close()
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Screenshots of the office window at 1366×768.")
    parser.add_argument("out_dir", nargs="?", type=Path)
    parser.add_argument("--language", choices=sorted(OUT_DIRS), default="zh_CN")
    args = parser.parse_args()
    main(args.out_dir or OUT_DIRS[args.language], args.language)
