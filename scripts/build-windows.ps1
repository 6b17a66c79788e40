<#
.SYNOPSIS
    在 Windows 10/11（64 位）上构建单文件夹程序 dist\evaluator-app\，并对构建结果运行冒烟测试。

.DESCRIPTION
    需要 python.org 的 Python 3.11（含 py 启动器）并能访问 PyPI。步骤：
      1. 用 py -3.11 -m venv 建立 .venv（已有则沿用）；
      2. 按 constraints\qt-6.11.txt 安装本项目及 test 附加依赖（其中有 PyInstaller）；
      3. pyinstaller --noconfirm --clean build_spec.spec；
      4. 以 EVALUATOR_APP_BUNDLE=dist\evaluator-app 运行 tests\test_frozen.py；
      5. 给出 -Zip 时，把 dist\evaluator-app 压缩为 dist\evaluator-app-<版本>-windows-x64.zip。
    说明见 docs\packaging.md 的 Windows 一节。

.EXAMPLE
    powershell -ExecutionPolicy Bypass -File scripts\build-windows.ps1 -Zip
#>
param(
    [switch]$Zip,        # 另外生成 zip，便于拷贝分发
    [switch]$SkipTests   # 只构建，不运行冒烟测试
)
$ErrorActionPreference = "Stop"
Set-Location (Split-Path -Parent $PSScriptRoot)

function Invoke-Checked([string]$What, [scriptblock]$Command) {
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "$What 失败（退出码 $LASTEXITCODE）" }
}

$python = ".venv\Scripts\python.exe"
if (-not (Test-Path $python)) {
    if (-not (Get-Command py -ErrorAction SilentlyContinue)) {
        throw "找不到 py 启动器：请安装 python.org 的 Python 3.11（64 位），安装时勾选 py launcher"
    }
    Invoke-Checked "建立 .venv" { py -3.11 -m venv .venv }
}
Invoke-Checked "安装依赖" {
    & $python -m pip install -q --disable-pip-version-check -c constraints\qt-6.11.txt -e ".[test]"
}

$version = (Select-String -Path evaluator_app\__init__.py -Pattern '^__version__ = "(.+)"').Matches[0].Groups[1].Value
$qt = & $python -c "import PySide6; print(PySide6.__version__)"
$started = Get-Date
Invoke-Checked "PyInstaller 构建" { & .venv\Scripts\pyinstaller.exe --noconfirm --clean --log-level WARN build_spec.spec }
$bundle = Join-Path $PWD "dist\evaluator-app"
$size = (Get-ChildItem $bundle -Recurse -File | Measure-Object -Property Length -Sum).Sum / 1MB
Write-Host ("构建完成：dist\evaluator-app\（evaluator-app {0}，PySide6 {1}，{2:N0} MB，用时 {3:N0} 秒）" -f `
    $version, $qt, $size, ((Get-Date) - $started).TotalSeconds)
Write-Host "  evaluator-app.exe      双击启动的窗口程序（无控制台）"
Write-Host "  evaluator-app-cli.exe  命令行（evaluator-app-cli verify 报告.pdf 等）"

if (-not $SkipTests) {
    $env:EVALUATOR_APP_BUNDLE = $bundle
    try {
        Invoke-Checked "冒烟测试" { & $python -m pytest tests\test_frozen.py }
    } finally {
        Remove-Item Env:EVALUATOR_APP_BUNDLE
    }
}

if ($Zip) {
    $archive = "dist\evaluator-app-$version-windows-x64.zip"
    if (Test-Path $archive) { Remove-Item $archive }
    # Python's zipfile: entries under evaluator-app\ with forward slashes, readable by any unzip tool.
    Invoke-Checked "压缩" { & $python -m zipfile -c $archive $bundle }
    Write-Host ("已生成 {0}（{1:N0} MB）" -f $archive, ((Get-Item $archive).Length / 1MB))
}
