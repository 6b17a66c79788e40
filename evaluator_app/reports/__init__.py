"""Documents the panel hands over: the 评估报告 PDF and the Excel workbook."""
