<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
    <context>
        <name>evaluator</name>
        <message>
            <location filename="../../ui/app.py" line="50" />
            <source>程序出错</source>
            <translation>Program error</translation>
        </message>
        <message>
            <location filename="../../ui/app.py" line="51" />
            <source>程序遇到意外错误。已保存的评估数据不受影响。
详细信息已写入 {path}。</source>
            <translation>The program ran into an unexpected error. Saved evaluation data is not affected.
Details were written to {path}.</translation>
        </message>
        <message>
            <location filename="../../ui/app.py" line="54" />
            <source>复制详细信息</source>
            <translation>Copy details</translation>
        </message>
        <message>
            <location filename="../../ui/app.py" line="55" />
            <location filename="../../ui/members_view.py" line="45" />
            <location filename="../../ui/merge_dialogs.py" line="141" />
            <location filename="../../ui/office/draw_view.py" line="114" />
            <location filename="../../ui/office/package_view.py" line="148" />
            <source>关闭</source>
            <translation>Close</translation>
        </message>
        <message>
            <location filename="../../ui/evaluation_page.py" line="57" />
            <source>只读，不能修改</source>
            <translation>Read-only: no changes</translation>
        </message>
        <message>
            <location filename="../../ui/evaluation_page.py" line="57" />
            <source>已保存</source>
            <translation>Saved</translation>
        </message>
        <message>
            <location filename="../../ui/evaluation_page.py" line="72" />
            <source>评估步骤</source>
            <translation>Evaluation steps</translation>
        </message>
        <message>
            <location filename="../../ui/evaluation_page.py" line="171" />
            <source>成员文件中由组长在组长的评估文件中填写</source>
            <translation>In a member file this is filled in by the panel leader, in the leader's evaluation file</translation>
        </message>
        <message>
            <location filename="../../ui/evaluation_page.py" line="181" />
            <source>步骤的开始与完成由组长在组长的评估文件中记录</source>
            <translation>The leader records when steps start and finish, in the leader's evaluation file</translation>
        </message>
        <message>
            <location filename="../../ui/evaluation_page.py" line="187" />
            <source>这是{name}的成员文件。在这里只能填写{name}本人的回避声明、评分与扣分理由、计分表的提交与签字，以及本人采集的满意度样本和记录的核查结果、问题与附件；评估组、日程、否决项、加分项、结论与综述由组长填写，这里只读。完成后请用 文件 › 交回评估数据… 交给组长。</source>
            <translation>This is {name}'s member file. Here only {name}'s own recusal declaration, scores and deduction notes, score sheet submission and signature, and the survey samples, checks, findings and attachments they record can be entered; the panel, schedule, vetoes, bonuses, conclusion and summary are filled in by the panel leader and are read-only here. When done, hand the data back with File › Return evaluation data….</translation>
        </message>
        <message>
            <location filename="../../ui/evaluation_page.py" line="193" />
            <source>{pilot} · {kind}（暂定计分表）</source>
            <translation>{pilot} · {kind} (provisional score sheet)</translation>
        </message>
        <message>
            <location filename="../../ui/evaluation_page.py" line="193" />
            <source>{pilot} · {kind}</source>
            <translation>{pilot} · {kind}</translation>
        </message>
        <message>
            <location filename="../../ui/evaluation_page.py" line="197" />
            <source>已全体签字并锁定（只读）</source>
            <translation>Signed by all and locked (read-only)</translation>
        </message>
        <message>
            <location filename="../../ui/evaluation_page.py" line="200" />
            <source>评估组 {n} 人 · 不符合要求</source>
            <translation>Panel of {n} · does not meet the rules</translation>
        </message>
        <message>
            <location filename="../../ui/evaluation_page.py" line="203" />
            <source>评估组 {n} 人 · 符合要求</source>
            <translation>Panel of {n} · meets the rules</translation>
        </message>
        <message>
            <location filename="../../ui/evaluation_page.py" line="218" />
            <source>需先：{blocker}</source>
            <translation>First: {blocker}</translation>
        </message>
        <message>
            <location filename="../../ui/export.py" line="19" />
            <source>保存签到表</source>
            <translation>Save sign-in sheet</translation>
        </message>
        <message>
            <location filename="../../ui/export.py" line="28" />
            <source>已生成签到表：{file}（打印后由成员手签）</source>
            <translation>Sign-in sheet created: {file} (members sign it by hand once printed)</translation>
        </message>
        <message>
            <location filename="../../ui/first_run.py" line="14" />
            <source>本程序按《社会管理和公共服务综合标准化试点细则（试行）》第二十一条，引导评估组在现场完成八个步骤：</source>
            <translation>Following Article 21 of the Detailed Rules for Comprehensive Standardization Pilots in Social Management and Public Services (Trial), this program guides the panel through eight on-site steps:</translation>
        </message>
        <message>
            <location filename="../../ui/first_run.py" line="16" />
            <source>每次修改都立即保存到评估文件中；评估文件可拷贝到 U 盘。全部成员签字后评估锁定，可导出签章的评估报告与报送包。</source>
            <translation>Every change is saved to the evaluation file at once; the file can be copied to a USB stick. Once all members have signed, the evaluation is locked, and the sealed evaluation report and submission package can be exported.</translation>
        </message>
        <message>
            <location filename="../../ui/first_run.py" line="18" />
            <source>左侧步骤栏显示每一步的状态与尚未满足的条件；Alt+数字键可直接跳到对应步骤，Ctrl+R 打开“签字与报告”。</source>
            <translation>The step list on the left shows each step's status and what is still missing; Alt+number jumps to a step, Ctrl+R opens "Signatures and Reports".</translation>
        </message>
        <message>
            <location filename="../../ui/first_run.py" line="24" />
            <source>欢迎使用</source>
            <translation>Welcome</translation>
        </message>
        <message>
            <location filename="../../ui/first_run.py" line="33" />
            <source>打开示例评估</source>
            <translation>Open the demo evaluation</translation>
        </message>
        <message>
            <location filename="../../ui/first_run.py" line="34" />
            <source>开始使用</source>
            <translation>Get started</translation>
        </message>
        <message>
            <location filename="../../ui/first_run.py" line="52" />
            <source>正在生成示例评估（签字、报告、Excel 和报送包），约需几秒…</source>
            <translation>Building the demo evaluation (signatures, report, Excel and package); this takes a few seconds…</translation>
        </message>
        <message>
            <location filename="../../ui/handover.py" line="33" />
            <source>已签</source>
            <translation>Signed</translation>
        </message>
        <message>
            <location filename="../../ui/handover.py" line="33" />
            <source>内容已改动，须重签</source>
            <translation>Content changed, sign again</translation>
        </message>
        <message>
            <location filename="../../ui/handover.py" line="33" />
            <source>未签</source>
            <translation>Not signed</translation>
        </message>
        <message>
            <location filename="../../ui/handover.py" line="40" />
            <source>签字与报告</source>
            <translation>Signatures and Reports</translation>
        </message>
        <message>
            <location filename="../../ui/handover.py" line="46" />
            <location filename="../../ui/members_view.py" line="43" />
            <location filename="../../ui/members_view.py" line="96" />
            <location filename="../../ui/merge_dialogs.py" line="197" />
            <source>成员</source>
            <extracomment>member role (evaluator_app/domain/evaluation.py)</extracomment>
            <translation>Member</translation>
        </message>
        <message>
            <location filename="../../ui/handover.py" line="46" />
            <location filename="../../ui/models.py" line="51" />
            <location filename="../../ui/office/draw_view.py" line="185" />
            <location filename="../../ui/office/package_view.py" line="242" />
            <source>角色</source>
            <translation>Role</translation>
        </message>
        <message>
            <location filename="../../ui/handover.py" line="46" />
            <source>签字事项</source>
            <translation>Signature for</translation>
        </message>
        <message>
            <location filename="../../ui/handover.py" line="46" />
            <location filename="../../ui/office/library_view.py" line="43" />
            <source>状态</source>
            <translation>Status</translation>
        </message>
        <message>
            <location filename="../../ui/handover.py" line="46" />
            <source>签字时间 / 说明</source>
            <translation>Signed at / notes</translation>
        </message>
        <message>
            <location filename="../../ui/handover.py" line="52" />
            <source>签字(&amp;S)…</source>
            <translation>&amp;Sign…</translation>
        </message>
        <message>
            <location filename="../../ui/handover.py" line="54" />
            <source>解锁（组长）…</source>
            <translation>Unlock (panel leader)…</translation>
        </message>
        <message>
            <location filename="../../ui/handover.py" line="56" />
            <source>纸质签字（签字栏留空，打印后手签）</source>
            <translation>Paper signatures (sign the printout by hand)</translation>
        </message>
        <message>
            <location filename="../../ui/handover.py" line="59" />
            <source>导出报告 PDF(&amp;P)…</source>
            <translation>Export report &amp;PDF…</translation>
        </message>
        <message>
            <location filename="../../ui/handover.py" line="61" />
            <source>导出 Excel(&amp;X)…</source>
            <translation>Export E&amp;xcel…</translation>
        </message>
        <message>
            <location filename="../../ui/handover.py" line="63" />
            <source>生成报送包(&amp;Z)…</source>
            <translation>Create submission package (&amp;Z)…</translation>
        </message>
        <message>
            <location filename="../../ui/handover.py" line="78" />
            <location filename="../../ui/session.py" line="48" />
            <source>签字</source>
            <translation>Signatures</translation>
        </message>
        <message>
            <location filename="../../ui/handover.py" line="82" />
            <source>导出</source>
            <translation>Export</translation>
        </message>
        <message>
            <location filename="../../ui/handover.py" line="102" />
            <source>可以签字</source>
            <translation>Ready to sign</translation>
        </message>
        <message>
            <location filename="../../ui/handover.py" line="113" />
            <source>已全体签字并锁定：任何修改都会被拒绝；导出的报告为签章的正式报告。</source>
            <translation>Signed by all and locked: every change is refused; the exported report is the sealed final report.</translation>
        </message>
        <message>
            <location filename="../../ui/handover.py" line="116" />
            <source>还有 {n} 项签字未完成；全部完成后评估自动锁定。导出的报告为草稿。</source>
            <translation>{n} signature(s) still missing; the evaluation locks itself once all are given. Exported reports are drafts.</translation>
        </message>
        <message>
            <location filename="../../ui/handover.py" line="123" />
            <source>请先选中一行</source>
            <translation>Select a row first</translation>
        </message>
        <message>
            <location filename="../../ui/handover.py" line="127" />
            <source>评估已锁定</source>
            <translation>The evaluation is locked</translation>
        </message>
        <message>
            <location filename="../../ui/handover.py" line="140" />
            <source>解锁须由组长 {name} 填写理由；解锁后全部签字作废（已签版本保留）：</source>
            <translation>Unlocking needs a reason from the panel leader, {name}; all signatures become void (the signed versions are kept):</translation>
        </message>
        <message>
            <location filename="../../ui/handover.py" line="141" />
            <source>解锁评估</source>
            <translation>Unlock evaluation</translation>
        </message>
        <message>
            <location filename="../../ui/handover.py" line="152" />
            <source>保存到</source>
            <translation>Save to</translation>
        </message>
        <message>
            <location filename="../../ui/handover.py" line="156" />
            <source>正在生成 {file}…</source>
            <translation>Creating {file}…</translation>
        </message>
        <message>
            <location filename="../../ui/handover.py" line="193" />
            <source>已生成草稿报告：{file}</source>
            <translation>Draft report created: {file}</translation>
        </message>
        <message>
            <location filename="../../ui/handover.py" line="195" />
            <source>已生成纸质签字报告：{file}</source>
            <translation>Report for paper signatures created: {file}</translation>
        </message>
        <message>
            <location filename="../../ui/handover.py" line="196" />
            <source>已生成签章的正式报告：{file}；签章证书指纹 {fingerprint}</source>
            <translation>Sealed final report created: {file}; seal certificate fingerprint {fingerprint}</translation>
        </message>
        <message>
            <location filename="../../ui/handover.py" line="199" />
            <source>已导出：{file}</source>
            <translation>Exported: {file}</translation>
        </message>
        <message>
            <location filename="../../ui/handover.py" line="200" />
            <source>已生成报送包：{file}</source>
            <translation>Submission package created: {file}</translation>
        </message>
        <message>
            <location filename="../../ui/i18n.py" line="52" />
            <location filename="../../ui/office/draw_view.py" line="214" />
            <source>、</source>
            <translation>, </translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="20" />
            <source>试点现场考核评估</source>
            <translation>On-site Pilot Evaluation</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="97" />
            <location filename="../../ui/office/window.py" line="113" />
            <source>文件(&amp;F)</source>
            <translation>&amp;File</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="99" />
            <location filename="../../ui/start_page.py" line="57" />
            <source>新建评估(&amp;N)…</source>
            <translation>&amp;New Evaluation…</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="100" />
            <source>打开(&amp;O)…</source>
            <translation>&amp;Open…</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="101" />
            <location filename="../../ui/start_page.py" line="59" />
            <source>导入交换文件(&amp;I)…</source>
            <translation>&amp;Import Exchange File…</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="102" />
            <source>关闭评估(&amp;W)</source>
            <translation>&amp;Close Evaluation</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="104" />
            <source>复制到U盘(&amp;U)…</source>
            <translation>Copy to &amp;USB Drive…</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="106" />
            <source>分发给成员(&amp;D)…</source>
            <translation>&amp;Distribute to members…</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="107" />
            <source>交回评估数据(&amp;B)…</source>
            <translation>Return evaluation data (&amp;B)…</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="108" />
            <source>导出个人计分表(&amp;X)…</source>
            <translation>E&amp;xport personal score sheet…</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="109" />
            <source>合并(&amp;M)…</source>
            <translation>&amp;Merge…</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="110" />
            <source>合并冲突(&amp;C)…</source>
            <translation>Merge &amp;conflicts…</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="111" />
            <source>成员与数据来源(&amp;L)…</source>
            <translation>Members and data sources (&amp;L)…</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="113" />
            <source>设置(&amp;P)…</source>
            <translation>&amp;Preferences…</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="115" />
            <location filename="../../ui/office/window.py" line="121" />
            <source>退出(&amp;Q)</source>
            <translation>&amp;Quit</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="116" />
            <source>报告(&amp;R)</source>
            <translation>&amp;Report</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="117" />
            <source>签字与报告(&amp;H)…</source>
            <translation>Signatures and &amp;Reports…</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="118" />
            <source>步骤(&amp;S)</source>
            <translation>&amp;Steps</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="120" />
            <source>第 {n} 步</source>
            <translation>Step {n}</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="207" />
            <source>{error}

要在这里以只读方式打开吗？只读时可以查看和导出，不能修改。</source>
            <translation>{error}

Open it here read-only? Read-only, you can view and export but not change it.</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="208" />
            <source>评估文件已在另一窗口中打开</source>
            <translation>Evaluation File Open in Another Window</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="213" />
            <location filename="../../ui/main_window.py" line="219" />
            <location filename="../../ui/main_window.py" line="227" />
            <location filename="../../ui/main_window.py" line="297" />
            <location filename="../../ui/main_window.py" line="307" />
            <source>无法打开评估文件</source>
            <translation>Cannot open the evaluation file</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="259" />
            <source>{file}（只读）</source>
            <translation>{file} (read-only)</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="261" />
            <source>{file}（{member}的成员文件）</source>
            <translation>{file} ({member}'s member file)</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="262" />
            <source>{file} — {app}</source>
            <translation>{file} — {app}</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="283" />
            <source>此评估文件已在另一窗口中打开，这里只能查看和导出，不能修改</source>
            <translation>This evaluation file is open in another window: here you can only view and export, not change it</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="285" />
            <source>{reason}。要修改，请把文件复制到可写的文件夹（例如“文档”）后再打开</source>
            <translation>{reason}. To change it, copy the file to a writable folder (such as Documents) and open it there</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="287" />
            <source>以只读方式打开，不能修改</source>
            <translation>Opened read-only: it cannot be changed</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="288" />
            <source>只读：{why}</source>
            <translation>Read-only: {why}</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="302" />
            <source>……另有 {n} 行；完整清单：evaluator-app restore {file}</source>
            <translation>…and {n} more lines; the full list: evaluator-app restore {file}</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="309" />
            <source>{error}

可以用最近一次完好的备份恢复：
{plan}

损坏的文件将改名保留在旁边。现在恢复吗？</source>
            <translation>{error}

It can be restored from its newest good backup:
{plan}

The damaged file is kept beside it under a new name. Restore now?</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="311" />
            <source>评估文件已损坏</source>
            <translation>Evaluation File Damaged</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="316" />
            <source>无法恢复</source>
            <translation>Cannot Restore</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="318" />
            <source>已从备份恢复。损坏的文件保留为：
{files}</source>
            <translation>Restored from the backup. The damaged file is kept as:
{files}</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="324" />
            <source>打开评估文件</source>
            <translation>Open evaluation file</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="325" />
            <source>评估文件 (*.sqlite *.evaluation *.db);;所有文件 (*)</source>
            <translation>Evaluation files (*.sqlite *.evaluation *.db);;All files (*)</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="337" />
            <source>保存评估文件</source>
            <translation>Save evaluation file</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="337" />
            <location filename="../../ui/main_window.py" line="354" />
            <location filename="../../ui/main_window.py" line="388" />
            <source>评估文件 (*.sqlite)</source>
            <translation>Evaluation files (*.sqlite)</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="349" />
            <source>选择评估交换文件</source>
            <translation>Choose an evaluation exchange file</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="349" />
            <location filename="../../ui/office/window.py" line="429" />
            <source>评估交换文件 (*.json)</source>
            <translation>Evaluation exchange files (*.json)</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="353" />
            <source>保存为评估文件</source>
            <translation>Save as evaluation file</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="361" />
            <source>无法导入</source>
            <translation>Cannot import</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="373" />
            <source>正在填写的内容无效，尚未保存；请改正或按 Esc 放弃后再关闭。</source>
            <translation>The entry being typed is not valid and has not been saved; correct it, or press Esc to discard it, before closing.</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="377" />
            <source>{n} 项修改尚未保存到 {file}：{what}
原因：{error}

可以重试，或把评估连同这些修改另存到别处（例如另一个 U 盘或“文档”）。</source>
            <translation>{n} change(s) not yet saved to {file}: {what}
Reason: {error}

You can retry, or save the evaluation with these changes somewhere else (another USB drive, or Documents).</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="381" />
            <source>重试</source>
            <translation>Retry</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="381" />
            <location filename="../../ui/steps/report.py" line="63" />
            <source>另存副本…</source>
            <translation>Save a copy…</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="382" />
            <source>修改尚未保存</source>
            <translation>Changes Not Saved</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="382" />
            <location filename="../../ui/office/package_view.py" line="94" />
            <location filename="../../ui/widgets.py" line="150" />
            <source>取消</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="387" />
            <source>另存评估（含未保存的修改）</source>
            <translation>Save the Evaluation with the Unsaved Changes</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="394" />
            <source>无法另存</source>
            <translation>Cannot Save a Copy</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="397" />
            <source>评估连同未保存的修改已另存到：{file}</source>
            <translation>The evaluation and the unsaved changes were saved to: {file}</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="422" />
            <location filename="../../ui/main_window.py" line="456" />
            <location filename="../../ui/main_window.py" line="559" />
            <location filename="../../ui/main_window.py" line="570" />
            <location filename="../../ui/main_window.py" line="596" />
            <source>请先打开一个评估</source>
            <translation>Open an evaluation first</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="426" />
            <source>还有 {n} 项修改未能保存到评估文件，复制件中不会有它们；请等它们保存后再复制。</source>
            <translation>{n} change(s) could not yet be saved to the evaluation file and would be missing from the copy; copy once they are saved.</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="427" />
            <source>暂不能复制</source>
            <translation>Cannot Copy Yet</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="430" />
            <source>复制到U盘</source>
            <translation>Copy to USB Drive</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="431" />
            <source>评估文件 (*.sqlite);;所有文件 (*)</source>
            <translation>Evaluation files (*.sqlite);;All files (*)</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="437" />
            <source>正在复制到 {file} 并校验…</source>
            <translation>Copying to {file} and checking the copy…</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="441" />
            <source>已复制到 {file}。
复制件已校验：数据库完整，修改记录链条完整，与打开的评估一致。
拔出U盘前，请先在系统中将其“弹出”。</source>
            <translation>Copied to {file}.
The copy was checked: the database is intact, the change log chain is complete, and it matches the open evaluation.
Eject the USB drive in the system before unplugging it.</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="442" />
            <source>复制完成</source>
            <translation>Copy Finished</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="446" />
            <source>复制未完成</source>
            <translation>Copy Not Finished</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="460" />
            <source>还有 {n} 项修改未能保存到评估文件；请等它们保存后再试。</source>
            <translation>{n} change(s) could not be saved to the evaluation file yet; please wait until they are saved and try again.</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="467" />
            <source>暂不能分发</source>
            <translation>Cannot distribute yet</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="470" />
            <source>这是{member}的成员文件，不能再分发；请在组长的评估文件中分发。</source>
            <translation>This is {member}'s member file and cannot be distributed again; distribute from the panel leader's evaluation file.</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="471" />
            <location filename="../../ui/main_window.py" line="480" />
            <source>不能分发</source>
            <translation>Cannot distribute</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="480" />
            <source>没有选择成员</source>
            <translation>No member selected</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="482" />
            <source>把成员文件写到哪个文件夹（例如U盘）</source>
            <translation>Folder to write the member files to (for example a USB stick)</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="488" />
            <source>已写入 {n} 个成员文件，均已校验：
{files}

请把各自的文件交给成员，在其电脑上用“打开”打开。</source>
            <translation>{n} member file(s) written and checked:
{files}

Give each member their file and open it on their computer with "Open".</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="490" />
            <source>分发完成</source>
            <translation>Distribution complete</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="493" />
            <source>分发未完成</source>
            <translation>Distribution not completed</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="501" />
            <source>导出哪位成员的个人计分表？</source>
            <translation>Whose personal score sheet should be exported?</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="501" />
            <source>导出个人计分表</source>
            <translation>Export personal score sheet</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="506" />
            <source>保存个人计分表</source>
            <translation>Save the personal score sheet</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="507" />
            <location filename="../../ui/office/window.py" line="245" />
            <source>Excel 工作簿 (*.xlsx)</source>
            <translation>Excel workbooks (*.xlsx)</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="513" />
            <source>已导出 {name} 的个人计分表：{path}

只有得分和备注可填；填好后用“合并…”合并。</source>
            <translation>Exported the personal score sheet of {name}: {path}

Only the scores and notes can be filled in; merge it with “Merge…” when it comes back.</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="514" />
            <location filename="../../ui/office/window.py" line="250" />
            <location filename="../../ui/office/window.py" line="510" />
            <source>导出完成</source>
            <translation>Exported</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="519" />
            <source>暂不能交回</source>
            <translation>Cannot return yet</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="522" />
            <source>这是组长的评估文件，不是成员文件，无需交回；要带到另一台电脑，请用“复制到U盘”。</source>
            <translation>This is the panel leader's evaluation file, not a member file, so there is nothing to return; to take it to another computer, use "Copy to USB stick".</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="523" />
            <source>不能交回</source>
            <translation>Cannot return</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="525" />
            <source>把交回的数据写到哪个文件夹（例如U盘）</source>
            <translation>Folder to write the returned data to (for example a USB stick)</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="530" />
            <source>已写入并校验：{file}
请把它交给组长，由组长用“合并”并入评估文件。之后如有修改，可以随时再次交回。</source>
            <translation>Written and checked: {file}
Give it to the panel leader, who merges it into the evaluation file with "Merge". Later changes can be returned again at any time.</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="531" />
            <source>交回完成</source>
            <translation>Data returned</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="533" />
            <source>交回未完成</source>
            <translation>Return not completed</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="537" />
            <source>暂不能合并</source>
            <translation>Cannot merge yet</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="540" />
            <source>选择要合并的文件（成员交回的数据、成员文件或评估交换文件）</source>
            <translation>Choose the files to merge (members' returned data, member files or evaluation exchange files)</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="541" />
            <source>评估文件 (*.sqlite *.json *.xlsx);;所有文件 (*)</source>
            <translation>Evaluation files (*.sqlite *.json *.xlsx);;All files (*)</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="545" />
            <source>不能把评估文件合并到它自己</source>
            <translation>An evaluation file cannot be merged into itself</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="545" />
            <source>不能合并</source>
            <translation>Cannot merge</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="551" />
            <location filename="../../ui/main_window.py" line="552" />
            <source>合并完成</source>
            <translation>Merge complete</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="554" />
            <source>未能合并</source>
            <translation>Could not merge</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="605" />
            <source>此评估文件未通过完整性校验（数据库或修改记录链）：
{problems}

可以继续查看和导出草稿；请把文件交技术人员核查，或关闭后运行 evaluator-app restore 文件名 查看可恢复的备份。</source>
            <translation>This evaluation file failed its integrity check (database or change-log chain):
{problems}

You can go on viewing it and export drafts; have the file examined, or close it and run evaluator-app restore FILE to see which backups can restore it.</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="608" />
            <source>评估文件校验未通过</source>
            <translation>Evaluation File Check Failed</translation>
        </message>
        <message>
            <location filename="../../ui/main_window.py" line="652" />
            <location filename="../../ui/merge_dialogs.py" line="106" />
            <source>{items} 等 {n} 项</source>
            <translation>{items} and others, {n} in all</translation>
        </message>
        <message>
            <location filename="../../ui/members_view.py" line="33" />
            <source>成员与数据来源</source>
            <translation>Members and data sources</translation>
        </message>
        <message>
            <location filename="../../ui/members_view.py" line="44" />
            <source>记录来源</source>
            <translation>Record sources</translation>
        </message>
        <message>
            <location filename="../../ui/members_view.py" line="67" />
            <source>这是{name}的成员文件；下表是本文件所知的情况，全组的情况以组长的评估文件为准。</source>
            <translation>This is {name}'s member file; the table shows what this file knows. For the whole panel, the panel leader's evaluation file is authoritative.</translation>
        </message>
        <message>
            <location filename="../../ui/members_view.py" line="70" />
            <source>成员交回的数据合并后，这里显示每位成员的进度；每条合并来的记录在“记录来源”中可查到来自哪个文件、哪位成员、哪台电脑。</source>
            <translation>Once members' returned data is merged, each member's progress shows here; under "Record sources" every merged record shows which file, member and computer it came from.</translation>
        </message>
        <message>
            <location filename="../../ui/members_view.py" line="77" />
            <source>{name}（组长）</source>
            <translation>{name} (leader)</translation>
        </message>
        <message>
            <location filename="../../ui/members_view.py" line="80" />
            <source>未分发</source>
            <translation>Not sent</translation>
        </message>
        <message>
            <location filename="../../ui/members_view.py" line="81" />
            <source>未交回</source>
            <translation>Not returned</translation>
        </message>
        <message>
            <location filename="../../ui/members_view.py" line="83" />
            <source>{done}/{total}</source>
            <translation>{done}/{total}</translation>
        </message>
        <message>
            <location filename="../../ui/members_view.py" line="84" />
            <source>（完成）</source>
            <translation> (complete)</translation>
        </message>
        <message>
            <location filename="../../ui/members_view.py" line="85" />
            <source>未提交</source>
            <translation>Not submitted</translation>
        </message>
        <message>
            <location filename="../../ui/members_view.py" line="86" />
            <source>已签字</source>
            <translation>Signed</translation>
        </message>
        <message>
            <location filename="../../ui/members_view.py" line="86" />
            <source>未签字</source>
            <translation>Not signed</translation>
        </message>
        <message>
            <location filename="../../ui/members_view.py" line="96" />
            <source>记录</source>
            <translation>Record</translation>
        </message>
        <message>
            <location filename="../../ui/members_view.py" line="96" />
            <source>来源文件</source>
            <translation>Source file</translation>
        </message>
        <message>
            <location filename="../../ui/members_view.py" line="96" />
            <location filename="../../ui/merge_dialogs.py" line="197" />
            <source>电脑</source>
            <translation>Computer</translation>
        </message>
        <message>
            <location filename="../../ui/members_view.py" line="96" />
            <source>原记录时间</source>
            <translation>Recorded at</translation>
        </message>
        <message>
            <location filename="../../ui/members_view.py" line="96" />
            <source>合并时间</source>
            <translation>Merged at</translation>
        </message>
        <message>
            <location filename="../../ui/merge_dialogs.py" line="42" />
            <source>分发给成员</source>
            <translation>Distribute to members</translation>
        </message>
        <message>
            <location filename="../../ui/merge_dialogs.py" line="47" />
            <source>{name}（组长，使用本文件）</source>
            <translation>{name} (leader, uses this file)</translation>
        </message>
        <message>
            <location filename="../../ui/merge_dialogs.py" line="53" />
            <source>为每位选中的成员写一个成员文件（评估编号、计分表、评估组、日程等都在其中）。成员在自己的电脑上打开它，只能填写本人的回避声明、评分、满意度样本、核查结果，并在本人的计分表上签字；完成后用“交回评估数据”交给组长合并。</source>
            <translation>A member file is written for each selected member (with the evaluation number, score sheet, panel, schedule and so on). The member opens it on their own computer and can only enter their own recusal declaration, scores, survey samples and checks, and sign their own score sheet; when done, they hand it to the leader with "Return evaluation data" for merging.</translation>
        </message>
        <message>
            <location filename="../../ui/merge_dialogs.py" line="58" />
            <source>选择文件夹并写入…</source>
            <translation>Choose folder and write…</translation>
        </message>
        <message>
            <location filename="../../ui/merge_dialogs.py" line="83" />
            <source>（成员 {member}）</source>
            <translation> (member {member})</translation>
        </message>
        <message>
            <location filename="../../ui/merge_dialogs.py" line="84" />
            <source>{file}{whose}：新增 {added} 条，更新 {changed} 条，删除 {removed} 条，未变 {unchanged} 条，冲突 {conflicts} 处</source>
            <translation>{file}{whose}: {added} added, {changed} updated, {removed} removed, {unchanged} unchanged, {conflicts} conflict(s)</translation>
        </message>
        <message>
            <location filename="../../ui/merge_dialogs.py" line="92" />
            <source>未采纳（不属于该成员的记录）：{records}</source>
            <translation>Not taken (records not belonging to this member): {records}</translation>
        </message>
        <message>
            <location filename="../../ui/merge_dialogs.py" line="95" />
            <source>未合并（同一成员文件更晚的交回已经合并）：{files}</source>
            <translation>Not merged (a later return of the same member file has already been merged): {files}</translation>
        </message>
        <message>
            <location filename="../../ui/merge_dialogs.py" line="97" />
            <source>没有新的内容，评估文件未改变</source>
            <translation>Nothing new; the evaluation file is unchanged</translation>
        </message>
        <message>
            <location filename="../../ui/merge_dialogs.py" line="99" />
            <source>有 {n} 处合并冲突须由组长决定（文件 › 合并冲突…）；在此之前不形成结论：{records}</source>
            <translation>{n} merge conflict(s) must be decided by the panel leader (File › Merge conflicts…); no result is formed until then: {records}</translation>
        </message>
        <message>
            <location filename="../../ui/merge_dialogs.py" line="120" />
            <source>合并冲突</source>
            <translation>Merge conflicts</translation>
        </message>
        <message>
            <location filename="../../ui/merge_dialogs.py" line="123" />
            <source>未处理的合并冲突</source>
            <translation>Open merge conflicts</translation>
        </message>
        <message>
            <location filename="../../ui/merge_dialogs.py" line="135" />
            <source>选择理由</source>
            <translation>Reason for the choice</translation>
        </message>
        <message>
            <location filename="../../ui/merge_dialogs.py" line="136" />
            <source>理由（例如：经与成员核实，以其本人电脑上的评分为准），会记入修改记录</source>
            <translation>Reason (for example: checked with the member, the score on their own computer stands); recorded in the change log</translation>
        </message>
        <message>
            <location filename="../../ui/merge_dialogs.py" line="138" />
            <source>采用所选版本(&amp;K)</source>
            <translation>&amp;Keep the selected version</translation>
        </message>
        <message>
            <location filename="../../ui/merge_dialogs.py" line="143" />
            <source>没有未处理的合并冲突</source>
            <translation>No open merge conflicts</translation>
        </message>
        <message>
            <location filename="../../ui/merge_dialogs.py" line="147" />
            <source>理由：</source>
            <translation>Reason:</translation>
        </message>
        <message>
            <location filename="../../ui/merge_dialogs.py" line="197" />
            <source>文件</source>
            <translation>File</translation>
        </message>
        <message>
            <location filename="../../ui/merge_dialogs.py" line="197" />
            <location filename="../../ui/steps/announce.py" line="84" />
            <source>内容</source>
            <translation>Activity</translation>
        </message>
        <message>
            <location filename="../../ui/merge_dialogs.py" line="202" />
            <source>版本 {n}</source>
            <translation>Version {n}</translation>
        </message>
        <message>
            <location filename="../../ui/merge_dialogs.py" line="205" />
            <source>（整份评估）</source>
            <translation>(whole evaluation)</translation>
        </message>
        <message>
            <location filename="../../ui/merge_dialogs.py" line="212" />
            <source>采用版本 {n}</source>
            <translation>Keep version {n}</translation>
        </message>
        <message>
            <location filename="../../ui/merge_dialogs.py" line="230" />
            <source>请先选择要采用的版本</source>
            <translation>Please choose the version to keep first</translation>
        </message>
        <message>
            <location filename="../../ui/merge_dialogs.py" line="235" />
            <source>未能处理该冲突</source>
            <translation>The conflict could not be decided</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="26" />
            <source>提示</source>
            <translation>Note</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="33" />
            <source>无法完成</source>
            <translation>Cannot complete</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="38" />
            <source>请确认</source>
            <translation>Please confirm</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="49" />
            <source>请填写</source>
            <translation>Please enter</translation>
        </message>
        <message>
            <location filename="../../ui/messages.py" line="71" />
            <source>请选择</source>
            <translation>Please Choose</translation>
        </message>
        <message>
            <location filename="../../ui/models.py" line="51" />
            <location filename="../../ui/office/draw_view.py" line="185" />
            <location filename="../../ui/office/draw_view.py" line="190" />
            <location filename="../../ui/office/draw_view.py" line="193" />
            <location filename="../../ui/office/library_view.py" line="33" />
            <location filename="../../ui/office/package_view.py" line="242" />
            <location filename="../../ui/steps/panel_dialogs.py" line="39" />
            <source>姓名</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../ui/models.py" line="51" />
            <location filename="../../ui/office/draw_view.py" line="185" />
            <location filename="../../ui/office/draw_view.py" line="190" />
            <location filename="../../ui/office/draw_view.py" line="193" />
            <location filename="../../ui/office/library_view.py" line="34" />
            <location filename="../../ui/office/package_view.py" line="242" />
            <location filename="../../ui/steps/report.py" line="51" />
            <source>类别</source>
            <translation>Category</translation>
        </message>
        <message>
            <location filename="../../ui/models.py" line="51" />
            <location filename="../../ui/office/draw_view.py" line="185" />
            <location filename="../../ui/office/draw_view.py" line="190" />
            <location filename="../../ui/office/draw_view.py" line="193" />
            <location filename="../../ui/office/library_view.py" line="35" />
            <location filename="../../ui/office/package_view.py" line="242" />
            <location filename="../../ui/steps/panel_dialogs.py" line="67" />
            <source>单位</source>
            <translation>Organization</translation>
        </message>
        <message>
            <location filename="../../ui/models.py" line="51" />
            <location filename="../../ui/steps/panel_dialogs.py" line="67" />
            <source>职务/职称</source>
            <translation>Title</translation>
        </message>
        <message>
            <location filename="../../ui/models.py" line="51" />
            <location filename="../../ui/office/library_view.py" line="41" />
            <location filename="../../ui/steps/panel_dialogs.py" line="67" />
            <source>电话</source>
            <extracomment>field of the pilot form (evaluator_app/domain/evaluation.py)</extracomment>
            <translation>Phone</translation>
        </message>
        <message>
            <location filename="../../ui/models.py" line="51" />
            <location filename="../../ui/office/library_view.py" line="38" />
            <location filename="../../ui/steps/panel_dialogs.py" line="68" />
            <source>学历</source>
            <translation>Education</translation>
        </message>
        <message>
            <location filename="../../ui/models.py" line="51" />
            <location filename="../../ui/office/library_view.py" line="39" />
            <source>高级职称</source>
            <translation>Senior</translation>
        </message>
        <message>
            <location filename="../../ui/models.py" line="52" />
            <location filename="../../ui/office/library_view.py" line="40" />
            <source>从业年限</source>
            <translation>Years</translation>
        </message>
        <message>
            <location filename="../../ui/models.py" line="52" />
            <location filename="../../ui/steps/panel_dialogs.py" line="69" />
            <source>选取方式</source>
            <translation>Selection</translation>
        </message>
        <message>
            <location filename="../../ui/models.py" line="52" />
            <source>回避声明</source>
            <translation>Declaration</translation>
        </message>
        <message>
            <location filename="../../ui/models.py" line="90" />
            <location filename="../../ui/office/library_view.py" line="66" />
            <source>是</source>
            <translation>Yes</translation>
        </message>
        <message>
            <location filename="../../ui/models.py" line="90" />
            <location filename="../../ui/office/library_view.py" line="66" />
            <source>否</source>
            <translation>No</translation>
        </message>
        <message>
            <location filename="../../ui/models.py" line="96" />
            <source>未声明</source>
            <translation>Not declared</translation>
        </message>
        <message>
            <location filename="../../ui/models.py" line="96" />
            <source>须回避</source>
            <translation>Must withdraw</translation>
        </message>
        <message>
            <location filename="../../ui/models.py" line="96" />
            <source>无利害关系</source>
            <translation>No conflict</translation>
        </message>
        <message>
            <location filename="../../ui/models.py" line="110" />
            <location filename="../../ui/office/draw_view.py" line="185" />
            <source>编号</source>
            <translation>No.</translation>
        </message>
        <message>
            <location filename="../../ui/models.py" line="110" />
            <location filename="../../ui/steps/survey.py" line="135" />
            <source>类型</source>
            <translation>Type</translation>
        </message>
        <message>
            <location filename="../../ui/models.py" line="110" />
            <location filename="../../ui/steps/survey.py" line="135" />
            <source>地点</source>
            <translation>Place</translation>
        </message>
        <message>
            <location filename="../../ui/models.py" line="110" />
            <location filename="../../ui/steps/survey.py" line="135" />
            <source>采集人</source>
            <translation>Collected by</translation>
        </message>
        <message>
            <location filename="../../ui/models.py" line="110" />
            <location filename="../../ui/models.py" line="142" />
            <location filename="../../ui/steps/survey.py" line="225" />
            <source>有效</source>
            <translation>Valid</translation>
        </message>
        <message>
            <location filename="../../ui/models.py" line="142" />
            <source>无效</source>
            <translation>Invalid</translation>
        </message>
        <message>
            <location filename="../../ui/models.py" line="159" />
            <location filename="../../ui/models.py" line="223" />
            <location filename="../../ui/steps/checklist.py" line="43" />
            <source>项目</source>
            <translation>Item</translation>
        </message>
        <message>
            <location filename="../../ui/models.py" line="159" />
            <location filename="../../ui/models.py" line="223" />
            <source>满分</source>
            <translation>Max.</translation>
        </message>
        <message>
            <location filename="../../ui/models.py" line="162" />
            <source>评估组</source>
            <translation>Panel</translation>
        </message>
        <message>
            <location filename="../../ui/models.py" line="163" />
            <source>汇总</source>
            <translation>Panel result</translation>
        </message>
        <message>
            <location filename="../../ui/models.py" line="184" />
            <source>合计</source>
            <translation>Total</translation>
        </message>
        <message>
            <location filename="../../ui/models.py" line="199" />
            <source>（换算）</source>
            <translation>(derived)</translation>
        </message>
        <message>
            <location filename="../../ui/models.py" line="203" />
            <location filename="../../ui/models.py" line="205" />
            <location filename="../../ui/models.py" line="281" />
            <source>未到期</source>
            <extracomment>a merged record's value in the conflict dialog; keep the {placeholders} (evaluator_app/sync/labels.py)</extracomment>
            <translation>Not yet due</translation>
        </message>
        <message>
            <location filename="../../ui/models.py" line="213" />
            <source>评分分歧：最低 {low}，最高 {high}，超过满分的 {ratio}%</source>
            <translation>Scores disagree: lowest {low}, highest {high}, a spread of more than {ratio}% of the maximum</translation>
        </message>
        <message>
            <location filename="../../ui/models.py" line="223" />
            <source>得分</source>
            <translation>Score</translation>
        </message>
        <message>
            <location filename="../../ui/models.py" line="223" />
            <source>扣分理由</source>
            <translation>Reason for deduction</translation>
        </message>
        <message>
            <location filename="../../ui/models.py" line="223" />
            <location filename="../../ui/steps/checklist.py" line="43" />
            <source>评分指引</source>
            <translation>Scoring guidance</translation>
        </message>
        <message>
            <location filename="../../ui/models.py" line="223" />
            <location filename="../../ui/steps/checklist.py" line="43" />
            <source>核查方式</source>
            <translation>Method</translation>
        </message>
        <message>
            <location filename="../../ui/models.py" line="334" />
            <source>{item} 的得分 “{text}” 不是数字</source>
            <translation>The score “{text}” for {item} is not a number</translation>
        </message>
        <message>
            <location filename="../../ui/models.py" line="343" />
            <source>请先为 {item} 打分，再填写扣分理由</source>
            <translation>Score {item} before giving a reason for the deduction</translation>
        </message>
        <message>
            <location filename="../../ui/office/draw_view.py" line="35" />
            <source>标准化专家席位</source>
            <translation>Standardization expert seat</translation>
        </message>
        <message>
            <location filename="../../ui/office/draw_view.py" line="35" />
            <source>其余席位</source>
            <translation>Other seat</translation>
        </message>
        <message>
            <location filename="../../ui/office/draw_view.py" line="35" />
            <source>备选</source>
            <translation>Reserve</translation>
        </message>
        <message>
            <location filename="../../ui/office/draw_view.py" line="66" />
            <source>随机抽取评估组</source>
            <translation>Random draw of an evaluation panel</translation>
        </message>
        <message>
            <location filename="../../ui/office/draw_view.py" line="70" />
            <source>试点的评估交换文件（.json，由 evaluator-app export-json 导出）</source>
            <translation>The pilot's evaluation exchange file (.json, exported with evaluator-app export-json)</translation>
        </message>
        <message>
            <location filename="../../ui/office/draw_view.py" line="71" />
            <location filename="../../ui/settings_dialog.py" line="41" />
            <location filename="../../ui/settings_dialog.py" line="45" />
            <source>选择…</source>
            <translation>Choose…</translation>
        </message>
        <message>
            <location filename="../../ui/office/draw_view.py" line="81" />
            <source>默认（人数的三分之一，向上取整）</source>
            <translation>Default (one third of the panel, rounded up)</translation>
        </message>
        <message>
            <location filename="../../ui/office/draw_view.py" line="86" />
            <source>事先公布或当场确定的文字，如当日某彩票开奖号码</source>
            <translation>Text announced beforehand or fixed on the spot, e.g. the day's lottery numbers</translation>
        </message>
        <message>
            <location filename="../../ui/office/draw_view.py" line="88" />
            <source>另行回避的单位，每行一个（试点单位和保证单位自动回避）</source>
            <translation>Further organizations to avoid, one per line (the pilot unit and its guarantor are avoided automatically)</translation>
        </message>
        <message>
            <location filename="../../ui/office/draw_view.py" line="90" />
            <source>允许不完全符合第二十八条的专家参加抽取</source>
            <translation>Allow experts who do not fully meet Article 28 into the draw</translation>
        </message>
        <message>
            <location filename="../../ui/office/draw_view.py" line="92" />
            <source>抽取人（写出抽取记录时必须填写）</source>
            <translation>Drawn by (required to write the draw record)</translation>
        </message>
        <message>
            <location filename="../../ui/office/draw_view.py" line="94" />
            <source>见证人，用顿号或逗号分隔</source>
            <translation>Witnesses, separated by commas</translation>
        </message>
        <message>
            <location filename="../../ui/office/draw_view.py" line="96" />
            <source>专家库：</source>
            <translation>Expert library:</translation>
        </message>
        <message>
            <location filename="../../ui/office/draw_view.py" line="97" />
            <source>试点评估文件：</source>
            <translation>Pilot evaluation file:</translation>
        </message>
        <message>
            <location filename="../../ui/office/draw_view.py" line="98" />
            <source>评估组人数：</source>
            <translation>Panel size:</translation>
        </message>
        <message>
            <location filename="../../ui/office/draw_view.py" line="99" />
            <source>标准化专家席位：</source>
            <translation>Standardization expert seats:</translation>
        </message>
        <message>
            <location filename="../../ui/office/draw_view.py" line="100" />
            <source>备选人数：</source>
            <translation>Reserves:</translation>
        </message>
        <message>
            <location filename="../../ui/office/draw_view.py" line="101" />
            <source>抽取种子：</source>
            <translation>Draw seed:</translation>
        </message>
        <message>
            <location filename="../../ui/office/draw_view.py" line="102" />
            <source>回避单位：</source>
            <translation>Organizations to avoid:</translation>
        </message>
        <message>
            <location filename="../../ui/office/draw_view.py" line="104" />
            <source>抽取人：</source>
            <translation>Drawn by:</translation>
        </message>
        <message>
            <location filename="../../ui/office/draw_view.py" line="105" />
            <source>见证人：</source>
            <translation>Witnesses:</translation>
        </message>
        <message>
            <location filename="../../ui/office/draw_view.py" line="107" />
            <source>抽取</source>
            <translation>Draw</translation>
        </message>
        <message>
            <location filename="../../ui/office/draw_view.py" line="110" />
            <source>写出评估文件和抽取记录…</source>
            <translation>Write the evaluation file and the draw record…</translation>
        </message>
        <message>
            <location filename="../../ui/office/draw_view.py" line="111" />
            <source>写出替换了评估组的评估交换文件，并在旁边写出签章的抽取记录 PDF</source>
            <translation>Write the evaluation exchange file with the drawn panel, and the sealed draw record PDF beside it</translation>
        </message>
        <message>
            <location filename="../../ui/office/draw_view.py" line="127" />
            <source>抽取结果</source>
            <translation>Draw result</translation>
        </message>
        <message>
            <location filename="../../ui/office/draw_view.py" line="163" />
            <source>条件已修改，请重新抽取。</source>
            <translation>The conditions have changed; please draw again.</translation>
        </message>
        <message>
            <location filename="../../ui/office/draw_view.py" line="177" />
            <source>，</source>
            <translation>, </translation>
        </message>
        <message>
            <location filename="../../ui/office/draw_view.py" line="178" />
            <source>种子“{seed}”；专家库 {library} 名，符合条件 {pool} 名（{by_category}），排除 {excluded} 名；抽取池摘要 {digest}</source>
            <translation>Seed "{seed}"; library {library} experts, eligible {pool} ({by_category}), excluded {excluded}; pool digest {digest}</translation>
        </message>
        <message>
            <location filename="../../ui/office/draw_view.py" line="185" />
            <source>席位</source>
            <translation>Seat</translation>
        </message>
        <message>
            <location filename="../../ui/office/draw_view.py" line="190" />
            <source>递补顺序</source>
            <translation>Order</translation>
        </message>
        <message>
            <location filename="../../ui/office/draw_view.py" line="193" />
            <source>排除原因</source>
            <translation>Reason for exclusion</translation>
        </message>
        <message>
            <location filename="../../ui/office/draw_view.py" line="195" />
            <source>评估组（{n} 人，标准化专家席位 {k} 个）</source>
            <translation>Panel ({n} members, {k} standardization expert seats)</translation>
        </message>
        <message>
            <location filename="../../ui/office/draw_view.py" line="197" />
            <source>备选（{n} 名）</source>
            <translation>Reserves ({n})</translation>
        </message>
        <message>
            <location filename="../../ui/office/draw_view.py" line="198" />
            <source>排除（{n} 名）</source>
            <translation>Excluded ({n})</translation>
        </message>
        <message>
            <location filename="../../ui/office/draw_view.py" line="212" />
            <source>试点评估文件</source>
            <translation>pilot evaluation file</translation>
        </message>
        <message>
            <location filename="../../ui/office/draw_view.py" line="212" />
            <source>抽取种子</source>
            <translation>draw seed</translation>
        </message>
        <message>
            <location filename="../../ui/office/draw_view.py" line="214" />
            <source>请填写：{fields}</source>
            <translation>Please fill in: {fields}</translation>
        </message>
        <message>
            <location filename="../../ui/office/library_view.py" line="36" />
            <source>地区</source>
            <translation>Region</translation>
        </message>
        <message>
            <location filename="../../ui/office/library_view.py" line="37" />
            <location filename="../../ui/office/package_view.py" line="242" />
            <source>职称</source>
            <translation>Title</translation>
        </message>
        <message>
            <location filename="../../ui/office/library_view.py" line="42" />
            <source>专业领域</source>
            <translation>Field</translation>
        </message>
        <message>
            <location filename="../../ui/office/library_view.py" line="44" />
            <source>第二十八条</source>
            <translation>Article 28</translation>
        </message>
        <message>
            <location filename="../../ui/office/library_view.py" line="46" />
            <source>在库</source>
            <translation>In library</translation>
        </message>
        <message>
            <location filename="../../ui/office/library_view.py" line="46" />
            <source>暂停</source>
            <translation>Suspended</translation>
        </message>
        <message>
            <location filename="../../ui/office/library_view.py" line="68" />
            <source>符合</source>
            <extracomment>checklist result (evaluator_app/domain/workflow.py)</extracomment>
            <translation>Met</translation>
        </message>
        <message>
            <location filename="../../ui/office/library_view.py" line="68" />
            <source>不符合：{why}</source>
            <translation>Not met: {why}</translation>
        </message>
        <message>
            <location filename="../../ui/office/library_view.py" line="143" />
            <location filename="../../ui/office/library_view.py" line="204" />
            <source>（未打开）</source>
            <translation>(none open)</translation>
        </message>
        <message>
            <location filename="../../ui/office/library_view.py" line="145" />
            <source>打开专家库…</source>
            <translation>Open expert library…</translation>
        </message>
        <message>
            <location filename="../../ui/office/library_view.py" line="147" />
            <source>新建专家库…</source>
            <translation>New expert library…</translation>
        </message>
        <message>
            <location filename="../../ui/office/library_view.py" line="149" />
            <source>导入专家名单…</source>
            <translation>Import expert list…</translation>
        </message>
        <message>
            <location filename="../../ui/office/library_view.py" line="150" />
            <source>从 Excel 工作簿（.xlsx）或 CSV 文件导入；同一专家（姓名、单位、电话相同）再次导入时更新，每处修改都有记录</source>
            <translation>Import from an Excel workbook (.xlsx) or a CSV file; the same expert (same name, organization and phone) imported again is updated, every change logged</translation>
        </message>
        <message>
            <location filename="../../ui/office/library_view.py" line="153" />
            <source>随机抽取评估组…</source>
            <translation>Draw a panel at random…</translation>
        </message>
        <message>
            <location filename="../../ui/office/library_view.py" line="156" />
            <source>专家库文件：</source>
            <translation>Expert library file:</translation>
        </message>
        <message>
            <location filename="../../ui/office/library_view.py" line="162" />
            <source>搜索姓名、单位、专业领域…</source>
            <translation>Search name, organization, field…</translation>
        </message>
        <message>
            <location filename="../../ui/office/library_view.py" line="166" />
            <source>全部类别</source>
            <translation>All categories</translation>
        </message>
        <message>
            <location filename="../../ui/office/library_view.py" line="172" />
            <source>全部状态</source>
            <translation>All statuses</translation>
        </message>
        <message>
            <location filename="../../ui/office/library_view.py" line="177" />
            <source>只看可抽取的（在库且符合第二十八条）</source>
            <translation>Only those who can be drawn (in library and meeting Article 28)</translation>
        </message>
        <message>
            <location filename="../../ui/office/library_view.py" line="210" />
            <source>打开一个专家库文件，或新建专家库后导入专家名单（Excel 或 CSV）。</source>
            <translation>Open an expert library file, or create a new library and import an expert list (Excel or CSV).</translation>
        </message>
        <message>
            <location filename="../../ui/office/library_view.py" line="215" />
            <source>{n} 名专家，在库 {in_library} 名，其中符合第二十八条 {qualified} 名；修改记录 {log} 条。</source>
            <translation>{n} experts, {in_library} in library, of whom {qualified} meet Article 28; {log} log entries.</translation>
        </message>
        <message>
            <location filename="../../ui/office/library_view.py" line="220" />
            <source>专家库校验未通过，不能抽取：</source>
            <translation>The expert library failed its check; no draw is possible:</translation>
        </message>
        <message>
            <location filename="../../ui/office/package_view.py" line="53" />
            <source>没有找到可以打开 PDF 的程序。评估报告已复制到：
{path}</source>
            <translation>No program was found to open PDF files. The evaluation report was copied to:
{path}</translation>
        </message>
        <message>
            <location filename="../../ui/office/package_view.py" line="75" />
            <source>登记省级确认</source>
            <translation>Record provincial confirmation</translation>
        </message>
        <message>
            <location filename="../../ui/office/package_view.py" line="77" />
            <source>确认人或确认单位</source>
            <translation>Person or body confirming</translation>
        </message>
        <message>
            <location filename="../../ui/office/package_view.py" line="83" />
            <source>如 某标联办〔2026〕12号</source>
            <translation>e.g. Office document 2026 No. 12</translation>
        </message>
        <message>
            <location filename="../../ui/office/package_view.py" line="85" />
            <source>试点：{pilot}（{kind} {date}，{result}）</source>
            <translation>Pilot: {pilot} ({kind} {date}, {result})</translation>
        </message>
        <message>
            <location filename="../../ui/office/package_view.py" line="88" />
            <source>确认人：</source>
            <translation>Confirmed by:</translation>
        </message>
        <message>
            <location filename="../../ui/office/package_view.py" line="89" />
            <source>确认日期：</source>
            <translation>Date of confirmation:</translation>
        </message>
        <message>
            <location filename="../../ui/office/package_view.py" line="90" />
            <source>确认文件号：</source>
            <translation>Document number:</translation>
        </message>
        <message>
            <location filename="../../ui/office/package_view.py" line="91" />
            <source>确认记录只追加到本文件夹的省级登记.sqlite，不改动报送包；同一评估再次确认时以最新一条为准。</source>
            <translation>Confirmations are only appended to this folder's office register file; packages are not changed. If an evaluation is confirmed again, the latest entry counts.</translation>
        </message>
        <message>
            <location filename="../../ui/office/package_view.py" line="93" />
            <source>登记</source>
            <translation>Record</translation>
        </message>
        <message>
            <location filename="../../ui/office/package_view.py" line="108" />
            <source>请填写确认人和确认文件号</source>
            <translation>Please fill in who confirms and the document number</translation>
        </message>
        <message>
            <location filename="../../ui/office/package_view.py" line="123" />
            <source>报送包：{name}</source>
            <translation>Package: {name}</translation>
        </message>
        <message>
            <location filename="../../ui/office/package_view.py" line="136" />
            <source>打开评估报告</source>
            <translation>Open evaluation report</translation>
        </message>
        <message>
            <location filename="../../ui/office/package_view.py" line="137" />
            <source>把签章的评估报告复制到临时文件夹，用系统的 PDF 阅读程序打开</source>
            <translation>Copy the sealed evaluation report to a temporary folder and open it with the system's PDF viewer</translation>
        </message>
        <message>
            <location filename="../../ui/office/package_view.py" line="140" />
            <source>登记省级确认…</source>
            <translation>Record provincial confirmation…</translation>
        </message>
        <message>
            <location filename="../../ui/office/package_view.py" line="145" />
            <source>只有签章可信、已形成结论的评估才能确认</source>
            <translation>Only evaluations with a trusted seal and a result can be confirmed</translation>
        </message>
        <message>
            <location filename="../../ui/office/package_view.py" line="146" />
            <location filename="../../ui/office/register_view.py" line="289" />
            <source>导出登记表 Excel…</source>
            <translation>Export register to Excel…</translation>
        </message>
        <message>
            <location filename="../../ui/office/package_view.py" line="161" />
            <source>评估</source>
            <translation>Evaluation</translation>
        </message>
        <message>
            <location filename="../../ui/office/package_view.py" line="171" />
            <source>试点：</source>
            <translation>Pilot:</translation>
        </message>
        <message>
            <location filename="../../ui/office/package_view.py" line="172" />
            <source>试点单位：</source>
            <translation>Pilot unit:</translation>
        </message>
        <message>
            <location filename="../../ui/office/package_view.py" line="173" />
            <source>评估类型：</source>
            <translation>Kind of evaluation:</translation>
        </message>
        <message>
            <location filename="../../ui/office/package_view.py" line="174" />
            <source>评估日期：</source>
            <translation>Evaluation date:</translation>
        </message>
        <message>
            <location filename="../../ui/office/package_view.py" line="175" />
            <source>评估编号：</source>
            <translation>Evaluation ID:</translation>
        </message>
        <message>
            <location filename="../../ui/office/package_view.py" line="176" />
            <source>评估组：</source>
            <translation>Panel:</translation>
        </message>
        <message>
            <location filename="../../ui/office/package_view.py" line="176" />
            <source>{n} 人，其中标准化专家 {k} 人；{valid}</source>
            <translation>{n} members, {k} of them standardization experts; {valid}</translation>
        </message>
        <message>
            <location filename="../../ui/office/package_view.py" line="178" />
            <source>符合要求</source>
            <translation>meets the requirements</translation>
        </message>
        <message>
            <location filename="../../ui/office/package_view.py" line="178" />
            <source>不符合要求</source>
            <translation>does not meet the requirements</translation>
        </message>
        <message>
            <location filename="../../ui/office/package_view.py" line="179" />
            <source>总分：</source>
            <translation>Total:</translation>
        </message>
        <message>
            <location filename="../../ui/office/package_view.py" line="180" />
            <source>结论：</source>
            <translation>Result:</translation>
        </message>
        <message>
            <location filename="../../ui/office/package_view.py" line="181" />
            <source>否决项：</source>
            <translation>Vetoes:</translation>
        </message>
        <message>
            <location filename="../../ui/office/package_view.py" line="181" />
            <location filename="../../ui/office/package_view.py" line="217" />
            <location filename="../../ui/office/package_view.py" line="220" />
            <location filename="../../ui/steps/conclusion.py" line="260" />
            <source>无</source>
            <translation>none</translation>
        </message>
        <message>
            <location filename="../../ui/office/package_view.py" line="182" />
            <source>满意度：</source>
            <translation>Satisfaction:</translation>
        </message>
        <message>
            <location filename="../../ui/office/package_view.py" line="183" />
            <source>后续：</source>
            <translation>What follows:</translation>
        </message>
        <message>
            <location filename="../../ui/office/package_view.py" line="184" />
            <source>报送包：</source>
            <translation>Package:</translation>
        </message>
        <message>
            <location filename="../../ui/office/package_view.py" line="185" />
            <source>SHA-256：</source>
            <translation>SHA-256:</translation>
        </message>
        <message>
            <location filename="../../ui/office/package_view.py" line="188" />
            <source>数据问题：</source>
            <translation>Data problem:</translation>
        </message>
        <message>
            <location filename="../../ui/office/package_view.py" line="194" />
            <location filename="../../ui/office/register_view.py" line="54" />
            <source>签章</source>
            <translation>Seal</translation>
        </message>
        <message>
            <location filename="../../ui/office/package_view.py" line="200" />
            <source>状态：</source>
            <translation>Status:</translation>
        </message>
        <message>
            <location filename="../../ui/office/package_view.py" line="201" />
            <source>签章人：</source>
            <translation>Sealed by:</translation>
        </message>
        <message>
            <location filename="../../ui/office/package_view.py" line="203" />
            <source>信任依据：</source>
            <translation>Trusted as:</translation>
        </message>
        <message>
            <location filename="../../ui/office/package_view.py" line="207" />
            <source>证书指纹：</source>
            <translation>Certificate fingerprint:</translation>
        </message>
        <message>
            <location filename="../../ui/office/package_view.py" line="209" />
            <source>校验问题：</source>
            <translation>Verification problems:</translation>
        </message>
        <message>
            <location filename="../../ui/office/package_view.py" line="223" />
            <source>{date} {by}（{document}），登记于 {at}</source>
            <translation>{date} {by} ({document}), recorded {at}</translation>
        </message>
        <message>
            <location filename="../../ui/office/package_view.py" line="225" />
            <location filename="../../ui/office/register_view.py" line="182" />
            <source>未确认</source>
            <translation>Not confirmed</translation>
        </message>
        <message>
            <location filename="../../ui/office/package_view.py" line="226" />
            <location filename="../../ui/office/register_view.py" line="57" />
            <source>需要注意</source>
            <translation>To look at</translation>
        </message>
        <message>
            <location filename="../../ui/office/package_view.py" line="226" />
            <source>后续期限</source>
            <translation>Deadlines</translation>
        </message>
        <message>
            <location filename="../../ui/office/package_view.py" line="227" />
            <location filename="../../ui/office/register_view.py" line="55" />
            <source>省级确认</source>
            <translation>Provincial confirmation</translation>
        </message>
        <message>
            <location filename="../../ui/office/package_view.py" line="238" />
            <source>报送包中列出的评估组成员</source>
            <translation>Panel members listed in the package</translation>
        </message>
        <message>
            <location filename="../../ui/office/register_view.py" line="37" />
            <source>签章可信</source>
            <translation>Seal trusted</translation>
        </message>
        <message>
            <location filename="../../ui/office/register_view.py" line="38" />
            <source>签章证书未登记</source>
            <translation>Certificate not registered</translation>
        </message>
        <message>
            <location filename="../../ui/office/register_view.py" line="39" />
            <source>签章或文件已损坏</source>
            <translation>Seal or file damaged</translation>
        </message>
        <message>
            <location filename="../../ui/office/register_view.py" line="40" />
            <source>没有签章报告</source>
            <translation>No sealed report</translation>
        </message>
        <message>
            <location filename="../../ui/office/register_view.py" line="42" />
            <source>整改期限</source>
            <translation>Rectification due</translation>
        </message>
        <message>
            <location filename="../../ui/office/register_view.py" line="42" />
            <source>复查申请起</source>
            <translation>Re-inspection may be applied for from</translation>
        </message>
        <message>
            <location filename="../../ui/office/register_view.py" line="42" />
            <source>合格有效期届满</source>
            <translation>Pass expires</translation>
        </message>
        <message>
            <location filename="../../ui/office/register_view.py" line="43" />
            <source>试点评估申请起</source>
            <translation>Pilot evaluation may be applied for from</translation>
        </message>
        <message>
            <location filename="../../ui/office/register_view.py" line="46" />
            <source>序号</source>
            <translation>No.</translation>
        </message>
        <message>
            <location filename="../../ui/office/register_view.py" line="47" />
            <source>试点</source>
            <translation>Pilot</translation>
        </message>
        <message>
            <location filename="../../ui/office/register_view.py" line="48" />
            <source>试点单位</source>
            <extracomment>field of the pilot form (evaluator_app/domain/evaluation.py)</extracomment>
            <translation>Pilot unit</translation>
        </message>
        <message>
            <location filename="../../ui/office/register_view.py" line="49" />
            <location filename="../../ui/start_page.py" line="127" />
            <source>评估类型</source>
            <translation>Kind of evaluation</translation>
        </message>
        <message>
            <location filename="../../ui/office/register_view.py" line="50" />
            <source>评估日期</source>
            <translation>Evaluation date</translation>
        </message>
        <message>
            <location filename="../../ui/office/register_view.py" line="51" />
            <source>总分</source>
            <translation>Total</translation>
        </message>
        <message>
            <location filename="../../ui/office/register_view.py" line="52" />
            <source>结论</source>
            <translation>Result</translation>
        </message>
        <message>
            <location filename="../../ui/office/register_view.py" line="53" />
            <source>满意度</source>
            <translation>Satisfaction</translation>
        </message>
        <message>
            <location filename="../../ui/office/register_view.py" line="56" />
            <source>最近期限</source>
            <translation>Next deadline</translation>
        </message>
        <message>
            <location filename="../../ui/office/register_view.py" line="58" />
            <source>报送包</source>
            <translation>Package</translation>
        </message>
        <message>
            <location filename="../../ui/office/register_view.py" line="187" />
            <source>{n} 处</source>
            <translation>{n}</translation>
        </message>
        <message>
            <location filename="../../ui/office/register_view.py" line="284" />
            <source>选择文件夹…</source>
            <translation>Choose folder…</translation>
        </message>
        <message>
            <location filename="../../ui/office/register_view.py" line="286" />
            <source>刷新</source>
            <translation>Refresh</translation>
        </message>
        <message>
            <location filename="../../ui/office/register_view.py" line="287" />
            <source>重新校验文件夹中的全部报送包</source>
            <translation>Verify every package in the folder again</translation>
        </message>
        <message>
            <location filename="../../ui/office/register_view.py" line="291" />
            <source>查看报送包…</source>
            <translation>View package…</translation>
        </message>
        <message>
            <location filename="../../ui/office/register_view.py" line="294" />
            <source>报送包文件夹：</source>
            <translation>Packages folder:</translation>
        </message>
        <message>
            <location filename="../../ui/office/register_view.py" line="300" />
            <source>搜索试点、单位、编号、注意事项…</source>
            <translation>Search pilot, unit, ID, matters to look at…</translation>
        </message>
        <message>
            <location filename="../../ui/office/register_view.py" line="306" />
            <source>全部签章状态</source>
            <translation>All seal statuses</translation>
        </message>
        <message>
            <location filename="../../ui/office/register_view.py" line="309" />
            <source>只看需要注意的</source>
            <translation>Only those to look at</translation>
        </message>
        <message>
            <location filename="../../ui/office/register_view.py" line="343" />
            <source>颜色：红色 签章或文件已损坏、没有签章报告；橙色 签章证书未登记；黄色 {days} 天内到期或已过期的期限；浅蓝 其他需要注意的事项。</source>
            <translation>Colours: red, seal or file damaged or no sealed report; orange, certificate not registered; yellow, a deadline within {days} days or past; light blue, other matters to look at.</translation>
        </message>
        <message>
            <location filename="../../ui/office/register_view.py" line="361" />
            <source>（未选择）</source>
            <translation>(none chosen)</translation>
        </message>
        <message>
            <location filename="../../ui/office/register_view.py" line="377" />
            <source>报送包 {n} 个：签章可信 {trusted} 个，未通过校验 {bad} 个；需要注意 {flagged} 个；已省级确认 {confirmed} 个。汇总日期 {today}。</source>
            <translation>{n} packages: {trusted} with a trusted seal, {bad} failed verification; {flagged} to look at; {confirmed} confirmed by the province. Rolled up on {today}.</translation>
        </message>
        <message>
            <location filename="../../ui/office/register_view.py" line="390" />
            <source>全部评估类型</source>
            <translation>All kinds</translation>
        </message>
        <message>
            <location filename="../../ui/office/register_view.py" line="391" />
            <source>全部结论</source>
            <translation>All results</translation>
        </message>
        <message>
            <location filename="../../ui/office/register_view.py" line="423" />
            <source>正在校验报送包…</source>
            <translation>Verifying packages…</translation>
        </message>
        <message>
            <location filename="../../ui/office/register_view.py" line="423" />
            <source>正在校验 {n} 个报送包…</source>
            <translation>Verifying {n} packages…</translation>
        </message>
        <message>
            <location filename="../../ui/office/trust_view.py" line="26" />
            <location filename="../../ui/office/trust_view.py" line="37" />
            <source>本机证书</source>
            <translation>This installation's certificate</translation>
        </message>
        <message>
            <location filename="../../ui/office/trust_view.py" line="26" />
            <source>本机原证书</source>
            <translation>This installation's former certificate</translation>
        </message>
        <message>
            <location filename="../../ui/office/trust_view.py" line="26" />
            <source>已登记</source>
            <translation>Registered</translation>
        </message>
        <message>
            <location filename="../../ui/office/trust_view.py" line="26" />
            <source>指定指纹</source>
            <translation>Fingerprint named</translation>
        </message>
        <message>
            <location filename="../../ui/office/trust_view.py" line="41" />
            <source>导出本机证书…</source>
            <translation>Export this installation's certificate…</translation>
        </message>
        <message>
            <location filename="../../ui/office/trust_view.py" line="44" />
            <source>本机签章证书的指纹（SHA-256）：本机签章的文件无需登记即被信任。</source>
            <translation>Fingerprint (SHA-256) of this installation's seal certificate: files sealed here are trusted without registration.</translation>
        </message>
        <message>
            <location filename="../../ui/office/trust_view.py" line="51" />
            <source>已登记的证书</source>
            <translation>Registered certificates</translation>
        </message>
        <message>
            <location filename="../../ui/office/trust_view.py" line="53" />
            <source>证书指纹</source>
            <translation>Certificate fingerprint</translation>
        </message>
        <message>
            <location filename="../../ui/office/trust_view.py" line="53" />
            <source>证书名称</source>
            <translation>Certificate name</translation>
        </message>
        <message>
            <location filename="../../ui/office/trust_view.py" line="53" />
            <source>登记时间</source>
            <translation>Registered at</translation>
        </message>
        <message>
            <location filename="../../ui/office/trust_view.py" line="53" />
            <source>来源</source>
            <translation>Source</translation>
        </message>
        <message>
            <location filename="../../ui/office/trust_view.py" line="63" />
            <source>添加证书或指纹…</source>
            <translation>Add certificate or fingerprint…</translation>
        </message>
        <message>
            <location filename="../../ui/office/trust_view.py" line="65" />
            <location filename="../../ui/steps/report.py" line="65" />
            <source>移除</source>
            <translation>Remove</translation>
        </message>
        <message>
            <location filename="../../ui/office/trust_view.py" line="74" />
            <source>评估组导出的证书（evaluator-app cert export）或电话核对过的指纹登记在这里后，用该证书签章的报送包在登记表中显示为“签章可信”。登记前请务必电话核对指纹。</source>
            <translation>Once a panel's exported certificate (evaluator-app cert export) or a fingerprint checked on the telephone is registered here, packages sealed with it show as "Seal trusted" in the register. Always check the fingerprint by telephone before registering.</translation>
        </message>
        <message>
            <location filename="../../ui/office/trust_view.py" line="88" />
            <source>本机还没有签章证书（第一次签章或导出证书时生成）</source>
            <translation>This installation has no seal certificate yet (it is made at the first seal or export)</translation>
        </message>
        <message>
            <location filename="../../ui/office/trust_view.py" line="93" />
            <source>指纹</source>
            <translation>Fingerprint</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="30" />
            <source>省级联席办公室：报送包登记与专家库</source>
            <translation>Provincial office: package register and expert library</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="41" />
            <source>……另有 {n} 处</source>
            <translation>… and {n} more</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="70" />
            <source>登记表</source>
            <translation>Register</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="71" />
            <source>专家库</source>
            <translation>Expert library</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="72" />
            <source>信任的证书</source>
            <translation>Trusted certificates</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="114" />
            <source>选择报送包文件夹(&amp;O)…</source>
            <translation>&amp;Open packages folder…</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="115" />
            <source>刷新(&amp;R)</source>
            <translation>&amp;Refresh</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="116" />
            <source>导出登记表 Excel(&amp;E)…</source>
            <translation>&amp;Export register to Excel…</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="118" />
            <source>打开专家库(&amp;L)…</source>
            <translation>Open expert &amp;library…</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="119" />
            <source>新建专家库(&amp;N)…</source>
            <translation>&amp;New expert library…</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="183" />
            <source>选择存放报送包的文件夹</source>
            <translation>Choose the folder holding the packages</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="197" />
            <source>找不到文件夹：{folder}</source>
            <translation>Folder not found: {folder}</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="211" />
            <source>请先选择存放报送包的文件夹</source>
            <translation>Please choose the folder holding the packages first</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="230" />
            <source>登记表未能汇总</source>
            <translation>The register could not be rolled up</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="234" />
            <source>正在校验 {folder} 中的报送包…</source>
            <translation>Verifying the packages in {folder}…</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="240" />
            <source>请先汇总一个报送包文件夹</source>
            <translation>Please roll up a packages folder first</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="243" />
            <source>导出登记表 Excel</source>
            <translation>Export register to Excel</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="244" />
            <source>省级登记表-{date}.xlsx</source>
            <translation>provincial-register-{date}.xlsx</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="250" />
            <source>已导出 Excel 登记表：{file}</source>
            <translation>Excel register exported: {file}</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="251" />
            <location filename="../../ui/office/window.py" line="506" />
            <source>导出未完成</source>
            <translation>Export not completed</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="252" />
            <source>正在导出 Excel 登记表…</source>
            <translation>Exporting the Excel register…</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="292" />
            <source>注意：此报送包未通过校验，报告内容不能视为评估组交出的原件。
{problems}</source>
            <translation>Note: this package failed verification; the report cannot be taken as the original handed over by the panel.
{problems}</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="293" />
            <source>报送包未通过校验</source>
            <translation>Package failed verification</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="296" />
            <source>正在打开评估报告…</source>
            <translation>Opening the evaluation report…</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="307" />
            <source>已记录省级确认：{pilot}，{date} {by}（{document}）。</source>
            <translation>Provincial confirmation recorded: {pilot}, {date} {by} ({document}).</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="310" />
            <source>此前已确认 {n} 次，以最新一条为准（记录只追加，不修改）。</source>
            <translation>Confirmed {n} times before; the latest entry counts (entries are only appended, never changed).</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="311" />
            <source>确认已登记</source>
            <translation>Confirmation recorded</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="314" />
            <source>未能登记确认</source>
            <translation>Confirmation not recorded</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="315" />
            <source>正在校验报送包并登记确认…</source>
            <translation>Verifying the package and recording the confirmation…</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="319" />
            <source>打开专家库</source>
            <translation>Open expert library</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="319" />
            <source>专家库 (*.sqlite);;所有文件 (*)</source>
            <translation>Expert library (*.sqlite);;All files (*)</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="328" />
            <source>无法打开专家库</source>
            <translation>Cannot open the expert library</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="339" />
            <source>新建专家库</source>
            <translation>New expert library</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="339" />
            <source>专家库.sqlite</source>
            <translation>expert-library.sqlite</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="340" />
            <source>专家库 (*.sqlite)</source>
            <translation>Expert library (*.sqlite)</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="344" />
            <source>文件已存在：{file}；请换一个文件名，或用“打开专家库…”打开它</source>
            <translation>The file already exists: {file}; choose another name, or open it with "Open expert library…"</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="352" />
            <source>请先打开或新建专家库</source>
            <translation>Please open or create an expert library first</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="355" />
            <source>选择专家名单</source>
            <translation>Choose the expert list</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="356" />
            <source>专家名单 (*.xlsx *.csv);;Excel 工作簿 (*.xlsx);;CSV 文件 (*.csv)</source>
            <translation>Expert list (*.xlsx *.csv);;Excel workbook (*.xlsx);;CSV file (*.csv)</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="369" />
            <source>已创建专家库</source>
            <translation>Expert library created</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="369" />
            <source>已更新专家库</source>
            <translation>Expert library updated</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="370" />
            <source>{verb} {library}：读取 {rows} 名专家，新增 {added} 名，更新 {updated} 名，暂停 {suspended} 名，恢复 {reinstated} 名，未变 {unchanged} 名。</source>
            <translation>{verb} {library}: {rows} experts read, {added} added, {updated} updated, {suspended} suspended, {reinstated} reinstated, {unchanged} unchanged.</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="375" />
            <source>导入完成</source>
            <translation>Import complete</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="377" />
            <source>专家名单未导入</source>
            <translation>Expert list not imported</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="378" />
            <source>正在导入专家名单…</source>
            <translation>Importing the expert list…</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="382" />
            <source>请先打开专家库</source>
            <translation>Please open an expert library first</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="398" />
            <source>选择试点的评估交换文件</source>
            <translation>Choose the pilot's evaluation exchange file</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="399" />
            <source>评估交换文件 (*.json);;所有文件 (*)</source>
            <translation>Evaluation exchange file (*.json);;All files (*)</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="424" />
            <source>写出抽取记录时须填写抽取人</source>
            <translation>Fill in who draws before writing the draw record</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="428" />
            <source>写出抽取结果</source>
            <translation>Write the draw result</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="428" />
            <source>-抽取.json</source>
            <translation>-draw.json</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="437" />
            <source>已写出评估交换文件：{json}
已写出签章的抽取记录：{pdf}</source>
            <translation>Evaluation exchange file written: {json}
Sealed draw record written: {pdf}</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="438" />
            <source>抽取结果已写出</source>
            <translation>Draw result written</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="441" />
            <source>抽取结果未写出</source>
            <translation>Draw result not written</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="442" />
            <source>正在写出抽取结果并签章…</source>
            <translation>Writing and sealing the draw result…</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="458" />
            <source>登记一个签章证书：选择评估组导出的证书文件，或输入电话核对过的指纹。</source>
            <translation>Register a seal certificate: choose the certificate file a panel exported, or type a fingerprint checked on the telephone.</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="459" />
            <source>添加证书或指纹</source>
            <translation>Add certificate or fingerprint</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="459" />
            <source>证书文件…</source>
            <translation>Certificate file…</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="459" />
            <source>输入指纹…</source>
            <translation>Type fingerprint…</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="461" />
            <source>选择证书文件</source>
            <translation>Choose certificate file</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="462" />
            <source>证书 (*.pem *.der *.crt *.cer);;所有文件 (*)</source>
            <translation>Certificate (*.pem *.der *.crt *.cer);;All files (*)</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="464" />
            <source>证书指纹（64 位十六进制数字，可用冒号分组）：</source>
            <translation>Certificate fingerprint (64 hexadecimal digits, colons allowed):</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="464" />
            <source>输入指纹</source>
            <translation>Type fingerprint</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="470" />
            <source>未能登记</source>
            <translation>Not registered</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="473" />
            <source>已登记证书 {fingerprint}</source>
            <translation>Certificate registered: {fingerprint}</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="481" />
            <source>请先在列表中选择要移除的证书</source>
            <translation>Please select the certificate to remove first</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="483" />
            <source>移除证书 {fingerprint}？
移除后，用它签章的报送包显示为“签章证书未登记”。</source>
            <translation>Remove certificate {fingerprint}?
Packages sealed with it will then show as "Certificate not registered".</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="484" />
            <source>移除证书</source>
            <translation>Remove certificate</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="499" />
            <source>导出本机证书</source>
            <translation>Export this installation's certificate</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="499" />
            <source>本机签章证书.pem</source>
            <translation>seal-certificate.pem</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="500" />
            <source>证书 (*.pem)</source>
            <translation>Certificate (*.pem)</translation>
        </message>
        <message>
            <location filename="../../ui/office/window.py" line="509" />
            <source>已导出本机证书：{file}
请交对方登记，并电话核对指纹。</source>
            <translation>Certificate exported: {file}
Hand it over for registration and check the fingerprint by telephone.</translation>
        </message>
        <message>
            <location filename="../../ui/presentation.py" line="24" />
            <source>演示</source>
            <translation>Presentation</translation>
        </message>
        <message>
            <location filename="../../ui/presentation.py" line="25" />
            <source>（无内容）</source>
            <translation>(nothing to show)</translation>
        </message>
        <message>
            <location filename="../../ui/presentation.py" line="52" />
            <source>{page} / {pages}　　→ 下一页　← 上一页　Esc 退出</source>
            <translation>{page} / {pages}    → next   ← previous   Esc to exit</translation>
        </message>
        <message>
            <location filename="../../ui/presentation.py" line="76" />
            <source>组长：{name}（{org} {title}）</source>
            <translation>Panel leader: {name} ({org} {title})</translation>
        </message>
        <message>
            <location filename="../../ui/presentation.py" line="78" />
            <source>成员：{name}（{org} {title}，{category}）</source>
            <translation>Member: {name} ({org} {title}, {category})</translation>
        </message>
        <message>
            <location filename="../../ui/presentation.py" line="84" />
            <location filename="../../ui/presentation.py" line="101" />
            <source>试点单位：{unit}</source>
            <translation>Pilot unit: {unit}</translation>
        </message>
        <message>
            <location filename="../../ui/presentation.py" line="85" />
            <source>评估日期：{date}</source>
            <translation>Evaluation date: {date}</translation>
        </message>
        <message>
            <location filename="../../ui/presentation.py" line="86" />
            <location filename="../../ui/session.py" line="46" />
            <location filename="../../ui/steps/announce.py" line="100" />
            <source>评估组成员</source>
            <translation>Panel members</translation>
        </message>
        <message>
            <location filename="../../ui/presentation.py" line="87" />
            <source>评估程序</source>
            <translation>Evaluation procedure</translation>
        </message>
        <message>
            <location filename="../../ui/presentation.py" line="90" />
            <location filename="../../ui/steps/announce.py" line="111" />
            <source>日程安排</source>
            <translation>Agenda</translation>
        </message>
        <message>
            <location filename="../../ui/presentation.py" line="100" />
            <source>评估情况通报</source>
            <translation>Evaluation debrief</translation>
        </message>
        <message>
            <location filename="../../ui/presentation.py" line="102" />
            <source>评估结果</source>
            <translation>Evaluation result</translation>
        </message>
        <message>
            <location filename="../../ui/presentation.py" line="102" />
            <source>基础分 {base}　加分 {bonus}　总分 {total}</source>
            <translation>Base score {base}   Bonus {bonus}   Total {total}</translation>
        </message>
        <message>
            <location filename="../../ui/presentation.py" line="104" />
            <location filename="../../ui/steps/conclusion.py" line="249" />
            <source>结论：{result}</source>
            <translation>Conclusion: {result}</translation>
        </message>
        <message>
            <location filename="../../ui/presentation.py" line="107" />
            <source>存在的问题</source>
            <translation>Problems found</translation>
        </message>
        <message>
            <location filename="../../ui/presentation.py" line="109" />
            <source>改进意见和建议</source>
            <translation>Suggestions for improvement</translation>
        </message>
        <message>
            <location filename="../../ui/session.py" line="45" />
            <source>评分</source>
            <translation>Score</translation>
        </message>
        <message>
            <location filename="../../ui/session.py" line="45" />
            <source>计分表提交</source>
            <translation>Sheet submission</translation>
        </message>
        <message>
            <location filename="../../ui/session.py" line="45" />
            <source>协商</source>
            <translation>Consensus</translation>
        </message>
        <message>
            <location filename="../../ui/session.py" line="45" />
            <source>试点单位信息</source>
            <translation>Pilot details</translation>
        </message>
        <message>
            <location filename="../../ui/session.py" line="46" />
            <source>评估综述等文字</source>
            <translation>Overview and other text</translation>
        </message>
        <message>
            <location filename="../../ui/session.py" line="46" />
            <source>满意度样本</source>
            <translation>Survey sample</translation>
        </message>
        <message>
            <location filename="../../ui/session.py" line="46" />
            <source>问题与建议</source>
            <translation>Findings and suggestions</translation>
        </message>
        <message>
            <location filename="../../ui/session.py" line="47" />
            <source>否决项</source>
            <translation>Veto</translation>
        </message>
        <message>
            <location filename="../../ui/session.py" line="47" />
            <location filename="../../ui/steps/conclusion.py" line="154" />
            <source>加分项</source>
            <translation>Bonus items</translation>
        </message>
        <message>
            <location filename="../../ui/session.py" line="47" />
            <source>换算得分调整</source>
            <translation>Derived score adjustment</translation>
        </message>
        <message>
            <location filename="../../ui/session.py" line="47" />
            <source>步骤记录</source>
            <translation>Step record</translation>
        </message>
        <message>
            <location filename="../../ui/session.py" line="48" />
            <location filename="../../ui/steps/checklist.py" line="43" />
            <source>核查结果</source>
            <translation>Result</translation>
        </message>
        <message>
            <location filename="../../ui/session.py" line="48" />
            <source>附件</source>
            <translation>Attachment</translation>
        </message>
        <message>
            <location filename="../../ui/session.py" line="48" />
            <source>合并冲突的处理</source>
            <translation>Decision on a merge conflict</translation>
        </message>
        <message>
            <location filename="../../ui/session.py" line="149" />
            <source>自动备份失败：{error}</source>
            <translation>Automatic backup failed: {error}</translation>
        </message>
        <message>
            <location filename="../../ui/session.py" line="196" />
            <source>{item} 评分 {score}</source>
            <translation>{item} score {score}</translation>
        </message>
        <message>
            <location filename="../../ui/session.py" line="197" />
            <source>（清空）</source>
            <translation>(cleared)</translation>
        </message>
        <message>
            <location filename="../../ui/session.py" line="262" />
            <location filename="../../ui/session.py" line="316" />
            <source>{error}（{n} 项修改待保存，将自动重试）</source>
            <translation>{error} ({n} change(s) waiting to be saved; retrying automatically)</translation>
        </message>
        <message>
            <location filename="../../ui/session.py" line="282" />
            <source>已保存 {time}</source>
            <translation>Saved {time}</translation>
        </message>
        <message>
            <location filename="../../ui/session.py" line="343" />
            <source>上一项操作尚未完成，请稍候</source>
            <translation>The previous operation has not finished yet; please wait</translation>
        </message>
        <message>
            <location filename="../../ui/session.py" line="345" />
            <source>正在保存：{what}…</source>
            <translation>Saving: {what}…</translation>
        </message>
        <message>
            <location filename="../../ui/session.py" line="499" />
            <source>添加附件 {name}</source>
            <translation>Adding attachment {name}</translation>
        </message>
        <message>
            <location filename="../../ui/session.py" line="519" />
            <source>分发成员文件</source>
            <translation>Distributing member files</translation>
        </message>
        <message>
            <location filename="../../ui/session.py" line="525" />
            <source>交回评估数据</source>
            <translation>Returning evaluation data</translation>
        </message>
        <message>
            <location filename="../../ui/session.py" line="534" />
            <source>合并</source>
            <translation>Merging</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="34" />
            <source>设置</source>
            <translation>Preferences</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="40" />
            <source>（随程序提供的暂定计分表）</source>
            <translation>(the provisional score sheet shipped with the program)</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="44" />
            <source>（系统默认位置）</source>
            <translation>(the system's default location)</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="50" />
            <source>大字模式</source>
            <translation>Large text</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="52" />
            <source>纸质签字（报告签字栏留空，打印后手签）</source>
            <translation>Paper signatures (signature cells left empty in the report, signed by hand once printed)</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="55" />
            <source>本机使用者的成员编号或姓名，记入每条修改记录</source>
            <translation>Member number or name of whoever uses this laptop; recorded with every change</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="57" />
            <source>界面语言 / Language</source>
            <translation>Language</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="58" />
            <source>默认计分表</source>
            <translation>Default score sheet</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="59" />
            <source>数据文件夹（备份、日志）</source>
            <translation>Data folder (backups, logs)</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="60" />
            <source>保留自动备份份数</source>
            <translation>Automatic backups to keep</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="62" />
            <source>签字方式</source>
            <translation>Signing</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="63" />
            <source>本机成员</source>
            <translation>This laptop's member</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="64" />
            <location filename="../../ui/steps/panel_dialogs.py" line="73" />
            <source>保存</source>
            <translation>Save</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="67" />
            <source>选择默认计分表</source>
            <translation>Choose the default score sheet</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="67" />
            <location filename="../../ui/start_page.py" line="167" />
            <source>计分表 (*.json *.xlsx)</source>
            <translation>Score sheets (*.json *.xlsx)</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="72" />
            <source>选择数据文件夹</source>
            <translation>Choose the data folder</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="82" />
            <location filename="../../ui/start_page.py" line="174" />
            <source>计分表无效</source>
            <translation>Invalid score sheet</translation>
        </message>
        <message>
            <location filename="../../ui/settings_dialog.py" line="93" />
            <source>数据文件夹 {folder} 不可写：{error}</source>
            <translation>The data folder {folder} is not writable: {error}</translation>
        </message>
        <message>
            <location filename="../../ui/signature_pad.py" line="35" />
            <source>签字板：按住鼠标左键或用手写笔书写</source>
            <translation>Signature pad: write with the left mouse button held down or with a pen</translation>
        </message>
        <message>
            <location filename="../../ui/signature_pad.py" line="112" />
            <source>{name} 签字</source>
            <translation>{name} signs</translation>
        </message>
        <message>
            <location filename="../../ui/signature_pad.py" line="114" />
            <source>清除重签</source>
            <translation>Clear and sign again</translation>
        </message>
        <message>
            <location filename="../../ui/signature_pad.py" line="116" />
            <source>确认签字</source>
            <translation>Confirm signature</translation>
        </message>
        <message>
            <location filename="../../ui/signature_pad.py" line="125" />
            <source>{name}：请在下方签字，确认{what}。签字时记录时间和所签内容的 SHA-256。</source>
            <translation>{name}, please sign below ({what}). The time and the SHA-256 of what is signed are recorded.</translation>
        </message>
        <message>
            <location filename="../../ui/start_page.py" line="51" />
            <source>社会管理和公共服务综合标准化试点　现场考核评估</source>
            <translation>Comprehensive Standardization Pilots in Social Management and Public Services — On-site Evaluation</translation>
        </message>
        <message>
            <location filename="../../ui/start_page.py" line="54" />
            <source>按《细则》第二十一条的八个步骤组织现场评估；全部数据离线保存在评估文件中。</source>
            <translation>Run the on-site evaluation in the eight steps of Article 21 of the Detailed Rules; all data stays offline in the evaluation file.</translation>
        </message>
        <message>
            <location filename="../../ui/start_page.py" line="58" />
            <source>打开评估文件(&amp;O)…</source>
            <translation>&amp;Open Evaluation File…</translation>
        </message>
        <message>
            <location filename="../../ui/start_page.py" line="76" />
            <source>最近的评估（回车或双击打开）</source>
            <translation>Recent evaluations (Enter or double-click to open)</translation>
        </message>
        <message>
            <location filename="../../ui/start_page.py" line="84" />
            <source>{name}　—　{path}（文件不存在）</source>
            <translation>{name} — {path} (file not found)</translation>
        </message>
        <message>
            <location filename="../../ui/start_page.py" line="91" />
            <source>（暂无。可新建评估，或打开 U 盘上的评估文件。）</source>
            <translation>(None yet. Create a new evaluation, or open an evaluation file from a USB stick.)</translation>
        </message>
        <message>
            <location filename="../../ui/start_page.py" line="99" />
            <source>新建评估</source>
            <translation>New Evaluation</translation>
        </message>
        <message>
            <location filename="../../ui/start_page.py" line="120" />
            <source>从文件载入计分表…</source>
            <translation>Load a score sheet from a file…</translation>
        </message>
        <message>
            <location filename="../../ui/start_page.py" line="128" />
            <location filename="../../ui/steps/scoring.py" line="117" />
            <source>计分表</source>
            <extracomment>what a signature confirms (evaluator_app/signing/records.py)</extracomment>
            <translation>Score sheet</translation>
        </message>
        <message>
            <location filename="../../ui/start_page.py" line="131" />
            <source>现场评估两天时写起止日期，例如 2025-11-18至19日</source>
            <translation>When the panel is on site for two days, give both days, e.g. 2025-11-18~19</translation>
        </message>
        <message>
            <location filename="../../ui/start_page.py" line="132" />
            <source>评估日期*</source>
            <translation>Evaluation date*</translation>
        </message>
        <message>
            <location filename="../../ui/start_page.py" line="147" />
            <source>评估目的</source>
            <translation>Purpose of the evaluation</translation>
        </message>
        <message>
            <location filename="../../ui/start_page.py" line="148" />
            <source>评估依据</source>
            <translation>Basis of the evaluation</translation>
        </message>
        <message>
            <location filename="../../ui/start_page.py" line="157" />
            <source>创建并保存…</source>
            <translation>Create and save…</translation>
        </message>
        <message>
            <location filename="../../ui/start_page.py" line="167" />
            <source>选择计分表</source>
            <translation>Choose a score sheet</translation>
        </message>
        <message>
            <location filename="../../ui/start_page.py" line="191" />
            <source>请填写{field}</source>
            <translation>Please fill in {field}</translation>
        </message>
        <message>
            <location filename="../../ui/start_page.py" line="195" />
            <source>{field}应为 YYYY-MM-DD 格式的日期</source>
            <translation>{field} must be a date in YYYY-MM-DD format</translation>
        </message>
        <message>
            <location filename="../../ui/start_page.py" line="199" />
            <source>评估日期应为 YYYY-MM-DD 格式的日期，两天时如 2025-11-18至19日</source>
            <translation>The evaluation date should be YYYY-MM-DD, or for two days e.g. 2025-11-18~19</translation>
        </message>
        <message>
            <location filename="../../ui/start_page.py" line="203" />
            <source>没有可用的计分表，请从文件载入</source>
            <translation>No score sheet is available; load one from a file</translation>
        </message>
        <message>
            <location filename="../../ui/steps/announce.py" line="65" />
            <source>添加成员(&amp;A)</source>
            <translation>&amp;Add member</translation>
        </message>
        <message>
            <location filename="../../ui/steps/announce.py" line="66" />
            <source>编辑(&amp;E)</source>
            <translation>&amp;Edit</translation>
        </message>
        <message>
            <location filename="../../ui/steps/announce.py" line="67" />
            <source>移除(&amp;R)</source>
            <translation>&amp;Remove</translation>
        </message>
        <message>
            <location filename="../../ui/steps/announce.py" line="68" />
            <source>回避声明(&amp;D)…</source>
            <translation>&amp;Declaration…</translation>
        </message>
        <message>
            <location filename="../../ui/steps/announce.py" line="69" />
            <source>更换须回避成员…</source>
            <translation>Replace a withdrawing member…</translation>
        </message>
        <message>
            <location filename="../../ui/steps/announce.py" line="70" />
            <source>演示模式(&amp;P)</source>
            <translation>&amp;Presentation</translation>
        </message>
        <message>
            <location filename="../../ui/steps/announce.py" line="71" />
            <source>打印签到表…</source>
            <translation>Print sign-in sheet…</translation>
        </message>
        <message>
            <location filename="../../ui/steps/announce.py" line="80" />
            <source>评估程序、分工与注意事项（宣布时展示）</source>
            <translation>Evaluation procedure, division of work and notes (shown when announcing)</translation>
        </message>
        <message>
            <location filename="../../ui/steps/announce.py" line="84" />
            <source>时间</source>
            <translation>Time</translation>
        </message>
        <message>
            <location filename="../../ui/steps/announce.py" line="84" />
            <source>负责人 / 小组</source>
            <translation>Lead / group</translation>
        </message>
        <message>
            <location filename="../../ui/steps/announce.py" line="89" />
            <source>添加日程</source>
            <translation>Add agenda item</translation>
        </message>
        <message>
            <location filename="../../ui/steps/announce.py" line="91" />
            <source>删除日程</source>
            <translation>Delete agenda item</translation>
        </message>
        <message>
            <location filename="../../ui/steps/announce.py" line="108" />
            <source>评估程序与分工</source>
            <translation>Procedure and division of work</translation>
        </message>
        <message>
            <location filename="../../ui/steps/announce.py" line="152" />
            <source>复查组 {size} 人，其中标准化专家 {experts} 名</source>
            <translation>Re-inspection panel of {size}, of whom {experts} standardization experts</translation>
        </message>
        <message>
            <location filename="../../ui/steps/announce.py" line="154" />
            <source>评估组 {size} 人，其中标准化专家 {experts} 名（{size} 人评估组至少需要 {required} 名）</source>
            <translation>Panel of {size}, of whom {experts} standardization expert(s) (a panel of {size} needs at least {required})</translation>
        </message>
        <message>
            <location filename="../../ui/steps/announce.py" line="157" />
            <source>评估组 {size} 人，其中标准化专家 {experts} 名（{size} 人评估组至少需要 {required} 名），符合第十九条要求</source>
            <translation>Panel of {size}, of whom {experts} standardization expert(s) (a panel of {size} needs at least {required}); meets Article 19</translation>
        </message>
        <message>
            <location filename="../../ui/steps/announce.py" line="162" />
            <source>尚未填写回避声明：{names}</source>
            <translation>No conflict-of-interest declaration yet: {names}</translation>
        </message>
        <message>
            <location filename="../../ui/steps/announce.py" line="165" />
            <source>；回避声明已全部填写</source>
            <translation>; every recusal declaration is in</translation>
        </message>
        <message>
            <location filename="../../ui/steps/announce.py" line="208" />
            <source>从评估组移除 {name}？其评分也将一并删除（修改记录中保留）。</source>
            <translation>Remove {name} from the panel? Their scores are deleted too (the change record keeps them).</translation>
        </message>
        <message>
            <location filename="../../ui/steps/announce.py" line="215" />
            <source>请先在表格中选中一名成员</source>
            <translation>Select a member in the table first</translation>
        </message>
        <message>
            <location filename="../../ui/steps/announce.py" line="226" />
            <source>{name} 须回避，不能参加评分。请选择“更换须回避成员”补充人员，更换将记入修改记录。</source>
            <translation>{name} must withdraw and cannot score. Use “Replace a withdrawing member” to add someone; the replacement is recorded.</translation>
        </message>
        <message>
            <location filename="../../ui/steps/announce.py" line="232" />
            <source>请先选中一名回避声明为“须回避”的成员</source>
            <translation>Select a member whose declaration says “must withdraw” first</translation>
        </message>
        <message>
            <location filename="../../ui/steps/application_review.py" line="22" />
            <source>{kind}（{form}）</source>
            <translation>{kind} ({form})</translation>
        </message>
        <message>
            <location filename="../../ui/steps/application_review.py" line="24" />
            <source>对申请材料的评价：是否齐全、真实，自检结果是否可信，需现场核实的事项</source>
            <translation>Assessment of the application: complete and genuine? Is the self-check credible? What must be verified on site?</translation>
        </message>
        <message>
            <location filename="../../ui/steps/application_review.py" line="26" />
            <location filename="../../ui/steps/application_review.py" line="33" />
            <source>申请材料评价意见</source>
            <translation>Assessment of the application</translation>
        </message>
        <message>
            <location filename="../../ui/steps/application_review.py" line="30" />
            <source>试点单位提交的复查申请材料（第三十二条：{forms}）</source>
            <translation>Re-inspection application submitted by the unit (Article 32: {forms})</translation>
        </message>
        <message>
            <location filename="../../ui/steps/application_review.py" line="31" />
            <source>复制进评估文件，记录 SHA-256；报送包中一并提交。</source>
            <translation>Copied into the evaluation file with their SHA-256; handed over in the submission package.</translation>
        </message>
        <message>
            <location filename="../../ui/steps/base.py" line="20" />
            <source>第{n}步　{title}</source>
            <translation>Step {n}: {title}</translation>
        </message>
        <message>
            <location filename="../../ui/steps/base.py" line="23" />
            <source>依据：《细则》{article}</source>
            <translation>Basis: Detailed Rules, {article}</translation>
        </message>
        <message>
            <location filename="../../ui/steps/base.py" line="28" />
            <location filename="../../ui/steps/base.py" line="62" />
            <source>完成此步骤</source>
            <translation>Finish this step</translation>
        </message>
        <message>
            <location filename="../../ui/steps/base.py" line="35" />
            <source>签字与报告(Ctrl+R)…</source>
            <translation>Signatures and Reports (Ctrl+R)…</translation>
        </message>
        <message>
            <location filename="../../ui/steps/base.py" line="53" />
            <source>暂不能进行：{reason}</source>
            <translation>Not possible yet: {reason}</translation>
        </message>
        <message>
            <location filename="../../ui/steps/base.py" line="57" />
            <source>开始 {time}</source>
            <translation>started {time}</translation>
        </message>
        <message>
            <location filename="../../ui/steps/base.py" line="58" />
            <source>完成 {time}</source>
            <translation>finished {time}</translation>
        </message>
        <message>
            <location filename="../../ui/steps/base.py" line="59" />
            <source>状态：{status}</source>
            <translation>Status: {status}</translation>
        </message>
        <message>
            <location filename="../../ui/steps/base.py" line="62" />
            <source>重新打开此步骤</source>
            <translation>Reopen this step</translation>
        </message>
        <message>
            <location filename="../../ui/steps/base.py" line="80" />
            <source>以下情况将记录在案：
{notices}

确认完成此步骤？</source>
            <translation>The following will be put on record:
{notices}

Finish this step?</translation>
        </message>
        <message>
            <location filename="../../ui/steps/checklist.py" line="43" />
            <source>发现与证据说明</source>
            <translation>Evidence notes</translation>
        </message>
        <message>
            <location filename="../../ui/steps/checklist.py" line="58" />
            <location filename="../../ui/steps/checklist.py" line="195" />
            <source>选中一个项目后可添加照片或证据</source>
            <translation>Select an item to add photos or evidence</translation>
        </message>
        <message>
            <location filename="../../ui/steps/checklist.py" line="60" />
            <source>记为问题(&amp;F)</source>
            <translation>Record as &amp;finding</translation>
        </message>
        <message>
            <location filename="../../ui/steps/checklist.py" line="65" />
            <location filename="../../ui/steps/conclusion.py" line="47" />
            <source>添加问题…</source>
            <translation>Add finding…</translation>
        </message>
        <message>
            <location filename="../../ui/steps/checklist.py" line="67" />
            <source>删除问题</source>
            <translation>Delete finding</translation>
        </message>
        <message>
            <location filename="../../ui/steps/checklist.py" line="73" />
            <source>核查清单（由计分表生成）</source>
            <translation>Checklist (from the score sheet)</translation>
        </message>
        <message>
            <location filename="../../ui/steps/checklist.py" line="81" />
            <source>照片与证据</source>
            <translation>Photos and evidence</translation>
        </message>
        <message>
            <location filename="../../ui/steps/checklist.py" line="84" />
            <source>发现的问题（进入结论与通报）</source>
            <translation>Findings (go into the conclusion and debrief)</translation>
        </message>
        <message>
            <location filename="../../ui/steps/checklist.py" line="102" />
            <source>询问员工人数</source>
            <translation>Staff questioned</translation>
        </message>
        <message>
            <location filename="../../ui/steps/checklist.py" line="102" />
            <source>其中回答正确</source>
            <translation>of whom answered correctly</translation>
        </message>
        <message>
            <location filename="../../ui/steps/checklist.py" line="103" />
            <source>现场核查要求数</source>
            <translation>Requirements checked on site</translation>
        </message>
        <message>
            <location filename="../../ui/steps/checklist.py" line="103" />
            <source>其中符合</source>
            <translation>of which met</translation>
        </message>
        <message>
            <location filename="../../ui/steps/checklist.py" line="129" />
            <source>{code} {name}（{max} 分）</source>
            <translation>{code} {name} ({max} pts)</translation>
        </message>
        <message>
            <location filename="../../ui/steps/checklist.py" line="135" />
            <source>{item} 核查结果</source>
            <translation>{item} check result</translation>
        </message>
        <message>
            <location filename="../../ui/steps/checklist.py" line="175" />
            <source>员工知晓率 {rate}（询问 {n} 人）</source>
            <translation>Staff awareness {rate} ({n} questioned)</translation>
        </message>
        <message>
            <location filename="../../ui/steps/checklist.py" line="178" />
            <source>现场符合率 {rate}（核查 {n} 项）</source>
            <translation>On-site compliance {rate} ({n} checked)</translation>
        </message>
        <message>
            <location filename="../../ui/steps/checklist.py" line="181" />
            <source>{figures}，供评分参考</source>
            <translation>{figures}, for reference when scoring</translation>
        </message>
        <message>
            <location filename="../../ui/steps/checklist.py" line="181" />
            <source>；</source>
            <translation>; </translation>
        </message>
        <message>
            <location filename="../../ui/steps/checklist.py" line="183" />
            <source>填写后显示知晓率与符合率，供评分参考</source>
            <translation>Fill these in to see awareness and compliance rates for reference when scoring</translation>
        </message>
        <message>
            <location filename="../../ui/steps/checklist.py" line="194" />
            <source>{code} {name} 的照片与证据</source>
            <translation>Photos and evidence for {code} {name}</translation>
        </message>
        <message>
            <location filename="../../ui/steps/checklist.py" line="201" />
            <source>问题描述：</source>
            <translation>Description of the finding:</translation>
        </message>
        <message>
            <location filename="../../ui/steps/checklist.py" line="201" />
            <source>问题描述（{item}）：</source>
            <translation>Description of the finding ({item}):</translation>
        </message>
        <message>
            <location filename="../../ui/steps/checklist.py" line="202" />
            <location filename="../../ui/steps/conclusion.py" line="47" />
            <source>添加问题</source>
            <translation>Add Finding</translation>
        </message>
        <message>
            <location filename="../../ui/steps/checklist.py" line="213" />
            <source>请先在“发现与证据说明”中填写内容</source>
            <translation>Fill in “Evidence notes” first</translation>
        </message>
        <message>
            <location filename="../../ui/steps/checklist.py" line="219" />
            <source>删除问题“{text}”？</source>
            <translation>Delete the finding “{text}”?</translation>
        </message>
        <message>
            <location filename="../../ui/steps/conclusion.py" line="43" />
            <source>未决定</source>
            <translation>Undecided</translation>
        </message>
        <message>
            <location filename="../../ui/steps/conclusion.py" line="43" />
            <source>确认（否决）</source>
            <translation>Confirmed (veto)</translation>
        </message>
        <message>
            <location filename="../../ui/steps/conclusion.py" line="43" />
            <source>不成立</source>
            <translation>Not upheld</translation>
        </message>
        <message>
            <location filename="../../ui/steps/conclusion.py" line="47" />
            <source>问题</source>
            <translation>Findings</translation>
        </message>
        <message>
            <location filename="../../ui/steps/conclusion.py" line="47" />
            <source>问题：</source>
            <translation>Finding:</translation>
        </message>
        <message>
            <location filename="../../ui/steps/conclusion.py" line="48" />
            <source>修改问题（原文：{text}）：</source>
            <translation>Edit finding (was: {text}):</translation>
        </message>
        <message>
            <location filename="../../ui/steps/conclusion.py" line="48" />
            <source>修改问题</source>
            <translation>Edit Finding</translation>
        </message>
        <message>
            <location filename="../../ui/steps/conclusion.py" line="49" />
            <source>改进建议</source>
            <translation>Suggestions</translation>
        </message>
        <message>
            <location filename="../../ui/steps/conclusion.py" line="49" />
            <source>添加改进建议…</source>
            <translation>Add suggestion…</translation>
        </message>
        <message>
            <location filename="../../ui/steps/conclusion.py" line="49" />
            <source>改进建议：</source>
            <translation>Suggestion:</translation>
        </message>
        <message>
            <location filename="../../ui/steps/conclusion.py" line="50" />
            <source>添加改进建议</source>
            <translation>Add Suggestion</translation>
        </message>
        <message>
            <location filename="../../ui/steps/conclusion.py" line="50" />
            <source>修改改进建议（原文：{text}）：</source>
            <translation>Edit suggestion (was: {text}):</translation>
        </message>
        <message>
            <location filename="../../ui/steps/conclusion.py" line="51" />
            <source>修改改进建议</source>
            <translation>Edit Suggestion</translation>
        </message>
        <message>
            <location filename="../../ui/steps/conclusion.py" line="69" />
            <source>删除</source>
            <translation>Delete</translation>
        </message>
        <message>
            <location filename="../../ui/steps/conclusion.py" line="106" />
            <source>删除“{text}”？</source>
            <translation>Delete “{text}”?</translation>
        </message>
        <message>
            <location filename="../../ui/steps/conclusion.py" line="125" />
            <source>否决项（由评估组集体决定，记录姓名与理由）</source>
            <translation>Veto items (decided by the panel together; names and reasons recorded)</translation>
        </message>
        <message>
            <location filename="../../ui/steps/conclusion.py" line="137" />
            <source>参与决定的成员与理由</source>
            <translation>Members who decided, and why</translation>
        </message>
        <message>
            <location filename="../../ui/steps/conclusion.py" line="153" />
            <source>加分项（合计不超过 {cap} 分）</source>
            <translation>Bonus items (at most {cap} pts in total)</translation>
        </message>
        <message>
            <location filename="../../ui/steps/conclusion.py" line="157" />
            <source>{code} {text}（至多 {max}）</source>
            <translation>{code} {text} (at most {max})</translation>
        </message>
        <message>
            <location filename="../../ui/steps/conclusion.py" line="164" />
            <source>依据</source>
            <translation>Basis</translation>
        </message>
        <message>
            <location filename="../../ui/steps/conclusion.py" line="179" />
            <source>调整理由（必填）</source>
            <translation>Reason for the adjustment (required)</translation>
        </message>
        <message>
            <location filename="../../ui/steps/conclusion.py" line="180" />
            <source>调整换算得分</source>
            <translation>Adjust derived score</translation>
        </message>
        <message>
            <location filename="../../ui/steps/conclusion.py" line="182" />
            <source>恢复换算值</source>
            <translation>Restore derived value</translation>
        </message>
        <message>
            <location filename="../../ui/steps/conclusion.py" line="185" />
            <source>公众满意度</source>
            <translation>Public satisfaction</translation>
        </message>
        <message>
            <location filename="../../ui/steps/conclusion.py" line="190" />
            <source>评估组调整 {item}：</source>
            <translation>Panel adjusts {item}:</translation>
        </message>
        <message>
            <location filename="../../ui/steps/conclusion.py" line="197" />
            <source>评估综述：由组长撰写，可先生成草稿再修改</source>
            <translation>Evaluation summary: written by the panel leader; a draft can be generated first and then edited</translation>
        </message>
        <message>
            <location filename="../../ui/steps/conclusion.py" line="200" />
            <source>生成综述草稿(&amp;G)</source>
            <translation>&amp;Generate draft summary</translation>
        </message>
        <message>
            <location filename="../../ui/steps/conclusion.py" line="227" />
            <source>评估综述</source>
            <translation>Evaluation summary</translation>
        </message>
        <message>
            <location filename="../../ui/steps/conclusion.py" line="258" />
            <source>完成度 {percent}（中期评估进展评价）</source>
            <translation>Completion {percent} (mid-term progress rating)</translation>
        </message>
        <message>
            <location filename="../../ui/steps/conclusion.py" line="260" />
            <source>否决项：{vetoes}</source>
            <translation>Veto items: {vetoes}</translation>
        </message>
        <message>
            <location filename="../../ui/steps/conclusion.py" line="261" />
            <source>基础分 &lt;b&gt;{base}&lt;/b&gt; + 加分 &lt;b&gt;{bonus}&lt;/b&gt; = 总分 &lt;b&gt;{total}&lt;/b&gt;（合格分 {pass_score}）</source>
            <translation>Base score &lt;b&gt;{base}&lt;/b&gt; + bonus &lt;b&gt;{bonus}&lt;/b&gt; = total &lt;b&gt;{total}&lt;/b&gt; (pass mark {pass_score})</translation>
        </message>
        <message>
            <location filename="../../ui/steps/conclusion.py" line="264" />
            <source>计分表：{sheet}</source>
            <translation>Score sheet: {sheet}</translation>
        </message>
        <message>
            <location filename="../../ui/steps/conclusion.py" line="272" />
            <source>按规则触发（否决）</source>
            <translation>Triggered by rule (veto)</translation>
        </message>
        <message>
            <location filename="../../ui/steps/conclusion.py" line="272" />
            <source>未触发</source>
            <translation>Not triggered</translation>
        </message>
        <message>
            <location filename="../../ui/steps/conclusion.py" line="293" />
            <source>有效样本 {valid} 份，总体满意率 {rate}，满意度指数 {index}，{item} 换算 {derived}，采用 {used}（已调整）</source>
            <translation>{valid} valid responses, overall satisfaction {rate}, satisfaction index {index}, {item} derived {derived}, used {used} (adjusted)</translation>
        </message>
        <message>
            <location filename="../../ui/steps/conclusion.py" line="296" />
            <source>有效样本 {valid} 份，总体满意率 {rate}，满意度指数 {index}，{item} 换算 {derived}，采用 {used}</source>
            <translation>{valid} valid responses, overall satisfaction {rate}, satisfaction index {index}, {item} derived {derived}, used {used}</translation>
        </message>
        <message>
            <location filename="../../ui/steps/conclusion.py" line="300" />
            <source>有效样本少于 {n} 份：结论中将注明</source>
            <translation>Fewer than {n} valid responses: this will be noted in the conclusion</translation>
        </message>
        <message>
            <location filename="../../ui/steps/conclusion.py" line="322" />
            <source>{code} 的加分 “{text}” 不是数字</source>
            <translation>The bonus “{text}” for {code} is not a number</translation>
        </message>
        <message>
            <location filename="../../ui/steps/conclusion.py" line="329" />
            <source>请填写调整后的得分</source>
            <translation>Enter the adjusted score</translation>
        </message>
        <message>
            <location filename="../../ui/steps/conclusion.py" line="336" />
            <source>用生成的草稿替换当前综述？（可用 Ctrl+Z 撤销）</source>
            <translation>Replace the current summary with the generated draft? (Ctrl+Z undoes it)</translation>
        </message>
        <message>
            <location filename="../../ui/steps/debrief.py" line="19" />
            <source>例如 2025-11-20 16:40</source>
            <translation>e.g. 2025-11-20 16:40</translation>
        </message>
        <message>
            <location filename="../../ui/steps/debrief.py" line="21" />
            <source>填入当前时间</source>
            <translation>Use current time</translation>
        </message>
        <message>
            <location filename="../../ui/steps/debrief.py" line="23" />
            <source>试点单位参加人员（姓名、职务）</source>
            <translation>Pilot unit attendees (name, position)</translation>
        </message>
        <message>
            <location filename="../../ui/steps/debrief.py" line="26" />
            <source>试点单位的意见与表态</source>
            <translation>The pilot unit's comments and response</translation>
        </message>
        <message>
            <location filename="../../ui/steps/debrief.py" line="29" />
            <source>通报演示(&amp;P)</source>
            <translation>Debrief &amp;presentation</translation>
        </message>
        <message>
            <location filename="../../ui/steps/debrief.py" line="35" />
            <source>通报时间</source>
            <translation>Debrief time</translation>
        </message>
        <message>
            <location filename="../../ui/steps/debrief.py" line="40" />
            <source>试点单位参加人员</source>
            <translation>Pilot unit attendees</translation>
        </message>
        <message>
            <location filename="../../ui/steps/debrief.py" line="42" />
            <source>试点单位意见</source>
            <translation>Pilot unit's comments</translation>
        </message>
        <message>
            <location filename="../../ui/steps/panel_dialogs.py" line="26" />
            <source>博士</source>
            <translation>Doctorate</translation>
        </message>
        <message>
            <location filename="../../ui/steps/panel_dialogs.py" line="26" />
            <source>硕士</source>
            <translation>Master's</translation>
        </message>
        <message>
            <location filename="../../ui/steps/panel_dialogs.py" line="26" />
            <source>本科</source>
            <translation>Bachelor's</translation>
        </message>
        <message>
            <location filename="../../ui/steps/panel_dialogs.py" line="26" />
            <source>大专</source>
            <translation>Junior college</translation>
        </message>
        <message>
            <location filename="../../ui/steps/panel_dialogs.py" line="26" />
            <source>其他</source>
            <extracomment>survey respondent type (evaluator_app/domain/evaluation.py)</extracomment>
            <translation>Other</translation>
        </message>
        <message>
            <location filename="../../ui/steps/panel_dialogs.py" line="34" />
            <source>编辑成员</source>
            <translation>Edit Member</translation>
        </message>
        <message>
            <location filename="../../ui/steps/panel_dialogs.py" line="34" />
            <source>添加成员</source>
            <translation>Add Member</translation>
        </message>
        <message>
            <location filename="../../ui/steps/panel_dialogs.py" line="50" />
            <source>具有高级以上技术职称</source>
            <translation>Holds a senior technical title or higher</translation>
        </message>
        <message>
            <location filename="../../ui/steps/panel_dialogs.py" line="53" />
            <source> 年</source>
            <translation> years</translation>
        </message>
        <message>
            <location filename="../../ui/steps/panel_dialogs.py" line="56" />
            <source>例如：2025-11-10 从国家级专家库随机抽取，抽取记录编号 …</source>
            <translation>e.g. drawn at random from the national expert pool on 2025-11-10, draw record no. …</translation>
        </message>
        <message>
            <location filename="../../ui/steps/panel_dialogs.py" line="66" />
            <source>姓名*</source>
            <translation>Name*</translation>
        </message>
        <message>
            <location filename="../../ui/steps/panel_dialogs.py" line="66" />
            <source>类别*</source>
            <translation>Category*</translation>
        </message>
        <message>
            <location filename="../../ui/steps/panel_dialogs.py" line="66" />
            <source>角色*</source>
            <translation>Role*</translation>
        </message>
        <message>
            <location filename="../../ui/steps/panel_dialogs.py" line="68" />
            <source>从事标准化或相关工作</source>
            <translation>In standardization or related work</translation>
        </message>
        <message>
            <location filename="../../ui/steps/panel_dialogs.py" line="69" />
            <source>选取记录</source>
            <translation>Selection record</translation>
        </message>
        <message>
            <location filename="../../ui/steps/panel_dialogs.py" line="88" />
            <source>请填写姓名</source>
            <translation>Please enter the name</translation>
        </message>
        <message>
            <location filename="../../ui/steps/panel_dialogs.py" line="99" />
            <source>回避声明：{name}</source>
            <translation>Conflict-of-interest declaration: {name}</translation>
        </message>
        <message>
            <location filename="../../ui/steps/panel_dialogs.py" line="101" />
            <source>请 {name} 如实回答以下问题（有任何一项为“是”须回避）：</source>
            <translation>{name}, please answer the following truthfully (any “yes” means withdrawing):</translation>
        </message>
        <message>
            <location filename="../../ui/steps/panel_dialogs.py" line="104" />
            <source>是：{question}</source>
            <translation>Yes: {question}</translation>
        </message>
        <message>
            <location filename="../../ui/steps/panel_dialogs.py" line="108" />
            <source>确认声明</source>
            <translation>Confirm declaration</translation>
        </message>
        <message>
            <location filename="../../ui/steps/report.py" line="32" />
            <source>照片</source>
            <translation>Photo</translation>
        </message>
        <message>
            <location filename="../../ui/steps/report.py" line="32" />
            <source>添加照片…</source>
            <translation>Add photo…</translation>
        </message>
        <message>
            <location filename="../../ui/steps/report.py" line="32" />
            <source>选择照片</source>
            <translation>Choose a photo</translation>
        </message>
        <message>
            <location filename="../../ui/steps/report.py" line="33" />
            <source>证据</source>
            <translation>Evidence</translation>
        </message>
        <message>
            <location filename="../../ui/steps/report.py" line="33" />
            <source>添加证据…</source>
            <translation>Add evidence…</translation>
        </message>
        <message>
            <location filename="../../ui/steps/report.py" line="33" />
            <source>选择证据</source>
            <translation>Choose evidence</translation>
        </message>
        <message>
            <location filename="../../ui/steps/report.py" line="34" />
            <source>评估申请表</source>
            <translation>Application form</translation>
        </message>
        <message>
            <location filename="../../ui/steps/report.py" line="34" />
            <source>添加评估申请表…</source>
            <translation>Add application form…</translation>
        </message>
        <message>
            <location filename="../../ui/steps/report.py" line="34" />
            <source>选择评估申请表</source>
            <translation>Choose the evaluation application form</translation>
        </message>
        <message>
            <location filename="../../ui/steps/report.py" line="35" />
            <source>总结报告</source>
            <translation>Summary report</translation>
        </message>
        <message>
            <location filename="../../ui/steps/report.py" line="35" />
            <source>添加总结报告…</source>
            <translation>Add summary report…</translation>
        </message>
        <message>
            <location filename="../../ui/steps/report.py" line="35" />
            <source>选择总结报告</source>
            <translation>Choose the summary report</translation>
        </message>
        <message>
            <location filename="../../ui/steps/report.py" line="36" />
            <source>复查自检报告</source>
            <translation>Re-inspection self-check report</translation>
        </message>
        <message>
            <location filename="../../ui/steps/report.py" line="36" />
            <source>添加复查自检报告…</source>
            <translation>Add self-check report…</translation>
        </message>
        <message>
            <location filename="../../ui/steps/report.py" line="36" />
            <source>选择复查自检报告</source>
            <translation>Choose the self-check report</translation>
        </message>
        <message>
            <location filename="../../ui/steps/report.py" line="37" />
            <source>复查申请表</source>
            <translation>Re-inspection application form</translation>
        </message>
        <message>
            <location filename="../../ui/steps/report.py" line="37" />
            <source>添加复查申请表…</source>
            <translation>Add re-inspection application form…</translation>
        </message>
        <message>
            <location filename="../../ui/steps/report.py" line="37" />
            <source>选择复查申请表</source>
            <translation>Choose the re-inspection application form</translation>
        </message>
        <message>
            <location filename="../../ui/steps/report.py" line="38" />
            <source>其他资料</source>
            <translation>Other material</translation>
        </message>
        <message>
            <location filename="../../ui/steps/report.py" line="38" />
            <source>添加其他资料…</source>
            <translation>Add other material…</translation>
        </message>
        <message>
            <location filename="../../ui/steps/report.py" line="38" />
            <source>选择其他资料</source>
            <translation>Choose other material</translation>
        </message>
        <message>
            <location filename="../../ui/steps/report.py" line="49" />
            <source>附件列表</source>
            <translation>Attached files</translation>
        </message>
        <message>
            <location filename="../../ui/steps/report.py" line="51" />
            <source>文件名</source>
            <translation>File name</translation>
        </message>
        <message>
            <location filename="../../ui/steps/report.py" line="51" />
            <source>大小</source>
            <translation>Size</translation>
        </message>
        <message>
            <location filename="../../ui/steps/report.py" line="51" />
            <source>SHA-256（前 16 位）</source>
            <translation>SHA-256 (first 16 digits)</translation>
        </message>
        <message>
            <location filename="../../ui/steps/report.py" line="51" />
            <source>添加时间</source>
            <translation>Added</translation>
        </message>
        <message>
            <location filename="../../ui/steps/report.py" line="91" />
            <location filename="../../ui/steps/report.py" line="103" />
            <source>所有文件 (*)</source>
            <translation>All files (*)</translation>
        </message>
        <message>
            <location filename="../../ui/steps/report.py" line="103" />
            <source>另存副本</source>
            <translation>Save a copy</translation>
        </message>
        <message>
            <location filename="../../ui/steps/report.py" line="115" />
            <source>移除附件 {name}？（修改记录中保留其 SHA-256）</source>
            <translation>Remove the attachment {name}? (The change record keeps its SHA-256.)</translation>
        </message>
        <message>
            <location filename="../../ui/steps/report.py" line="125" />
            <source>{topic}：汇报要点、数据、需核实的事项</source>
            <translation>{topic}: key points, figures, what to verify</translation>
        </message>
        <message>
            <location filename="../../ui/steps/report.py" line="137" />
            <source>汇报记录（按总结报告的内容，第十八条）</source>
            <translation>Report notes (by the contents of the summary report, Article 18)</translation>
        </message>
        <message>
            <location filename="../../ui/steps/report.py" line="139" />
            <source>试点单位提交的材料（复制进评估文件，记录 SHA-256）</source>
            <translation>Material submitted by the pilot unit (copied into the evaluation file, SHA-256 recorded)</translation>
        </message>
        <message>
            <location filename="../../ui/steps/scoring.py" line="40" />
            <source>当前评分人</source>
            <translation>Current scorer</translation>
        </message>
        <message>
            <location filename="../../ui/steps/scoring.py" line="43" />
            <source>已评 %v / %m 项</source>
            <translation>%v / %m items scored</translation>
        </message>
        <message>
            <location filename="../../ui/steps/scoring.py" line="45" />
            <source>提交并锁定计分表(&amp;S)</source>
            <translation>&amp;Submit and lock score sheet</translation>
        </message>
        <message>
            <location filename="../../ui/steps/scoring.py" line="57" />
            <source>当前评分人的计分表</source>
            <translation>Score sheet of the current scorer</translation>
        </message>
        <message>
            <location filename="../../ui/steps/scoring.py" line="83" />
            <source>发起协商：重新开放此项（组长）</source>
            <translation>Consensus round: reopen this item (panel leader)</translation>
        </message>
        <message>
            <location filename="../../ui/steps/scoring.py" line="86" />
            <source>保留分歧并说明理由（组长）</source>
            <translation>Keep the disagreement, with reasons (panel leader)</translation>
        </message>
        <message>
            <location filename="../../ui/steps/scoring.py" line="88" />
            <source>退回计分表（组长）</source>
            <translation>Return score sheet (panel leader)</translation>
        </message>
        <message>
            <location filename="../../ui/steps/scoring.py" line="93" />
            <source>当前评分人：</source>
            <translation>Current scorer:</translation>
        </message>
        <message>
            <location filename="../../ui/steps/scoring.py" line="98" />
            <source>标记为未到期(&amp;N)</source>
            <translation>Mark as &amp;not yet due</translation>
        </message>
        <message>
            <location filename="../../ui/steps/scoring.py" line="118" />
            <source>评估组汇总矩阵</source>
            <translation>Panel score matrix</translation>
        </message>
        <message>
            <location filename="../../ui/steps/scoring.py" line="130" />
            <source>评估组（共识）</source>
            <translation>Panel (consensus)</translation>
        </message>
        <message>
            <location filename="../../ui/steps/scoring.py" line="144" />
            <source>请先选中一个项目</source>
            <translation>Select an item first</translation>
        </message>
        <message>
            <location filename="../../ui/steps/scoring.py" line="200" />
            <source>已提交 {time}；协商中重新开放：{items}</source>
            <translation>Submitted {time}; reopened in the consensus round: {items}</translation>
        </message>
        <message>
            <location filename="../../ui/steps/scoring.py" line="203" />
            <source>已提交 {time}</source>
            <translation>Submitted {time}</translation>
        </message>
        <message>
            <location filename="../../ui/steps/scoring.py" line="205" />
            <source>小计 {score}</source>
            <translation>Subtotal {score}</translation>
        </message>
        <message>
            <location filename="../../ui/steps/scoring.py" line="212" />
            <source>评分分歧（极差超过满分的 {ratio}%）：{items}。选中该行后由组长发起协商，成员修改须填写理由，原评分保留在记录中。</source>
            <translation>Scores disagree (spread above {ratio}% of the maximum): {items}. Select the row so the panel leader can open a consensus round; members give a reason for any change, and the original scores stay on record.</translation>
        </message>
        <message>
            <location filename="../../ui/steps/scoring.py" line="215" />
            <source>{item} 保留分歧：{reason}</source>
            <translation>{item} disagreement kept: {reason}</translation>
        </message>
        <message>
            <location filename="../../ui/steps/scoring.py" line="233" />
            <source>提交 {name} 的计分表？提交后评分锁定，只有组长在协商中重新开放的项目可以修改。</source>
            <translation>Submit {name}'s score sheet? The scores are then locked; only items the panel leader reopens in a consensus round can change.</translation>
        </message>
        <message>
            <location filename="../../ui/steps/scoring.py" line="237" />
            <source>{name} 的计分表已提交并锁定</source>
            <translation>{name}'s score sheet is submitted and locked</translation>
        </message>
        <message>
            <location filename="../../ui/steps/scoring.py" line="249" />
            <location filename="../../ui/steps/scoring.py" line="256" />
            <source>请先在矩阵中选中一个项目</source>
            <translation>Select an item in the matrix first</translation>
        </message>
        <message>
            <location filename="../../ui/steps/scoring.py" line="259" />
            <source>保留分歧</source>
            <translation>Keep Disagreement</translation>
        </message>
        <message>
            <location filename="../../ui/steps/scoring.py" line="259" />
            <source>{item} 协商后仍有分歧，保留各自评分的理由：</source>
            <translation>{item} still disagrees after the consensus round; reason for keeping each member's score:</translation>
        </message>
        <message>
            <location filename="../../ui/steps/scoring.py" line="267" />
            <source>退回 {name} 的计分表的理由：</source>
            <translation>Reason for returning {name}'s score sheet:</translation>
        </message>
        <message>
            <location filename="../../ui/steps/scoring.py" line="268" />
            <source>退回计分表</source>
            <translation>Return Score Sheet</translation>
        </message>
        <message>
            <location filename="../../ui/steps/scoring.py" line="274" />
            <source>修改 {item} 的评分理由（原评分将保留在记录中）：</source>
            <translation>Reason for changing the score of {item} (the original score stays on record):</translation>
        </message>
        <message>
            <location filename="../../ui/steps/scoring.py" line="275" />
            <source>协商修改</source>
            <translation>Consensus Change</translation>
        </message>
        <message>
            <location filename="../../ui/steps/survey.py" line="54" />
            <source>满意度录入：按 1–5 录入等级，0 为不了解，回车保存</source>
            <translation>Satisfaction entry: keys 1–5 for the levels, 0 for don't know, Enter saves</translation>
        </message>
        <message>
            <location filename="../../ui/steps/survey.py" line="119" />
            <source>本计分表没有满意度调查部分。</source>
            <translation>This score sheet has no satisfaction survey.</translation>
        </message>
        <message>
            <location filename="../../ui/steps/survey.py" line="122" />
            <source>键盘录入：{legend}；回车保存本行，退格撤销，Esc 清空。不录入姓名、电话、身份证号。</source>
            <translation>Keyboard entry: {legend}; Enter saves the row, Backspace undoes, Esc clears. Do not record names, phone or ID numbers.</translation>
        </message>
        <message>
            <location filename="../../ui/steps/survey.py" line="129" />
            <source>调查地点，如：政务服务大厅</source>
            <translation>Survey location, e.g. service hall</translation>
        </message>
        <message>
            <location filename="../../ui/steps/survey.py" line="142" />
            <source>已录入的满意度样本</source>
            <translation>Survey samples entered</translation>
        </message>
        <message>
            <location filename="../../ui/steps/survey.py" line="146" />
            <source>删除选中样本</source>
            <translation>Delete selected responses</translation>
        </message>
        <message>
            <location filename="../../ui/steps/survey.py" line="153" />
            <source>实时统计</source>
            <translation>Live statistics</translation>
        </message>
        <message>
            <location filename="../../ui/steps/survey.py" line="155" />
            <source>有效样本 %v / %m</source>
            <translation>%v / %m valid responses</translation>
        </message>
        <message>
            <location filename="../../ui/steps/survey.py" line="205" />
            <source>有效样本 {valid} 份（无效 {invalid} 份），最低要求 {minimum} 份，目标 {target} 份</source>
            <translation>{valid} valid responses ({invalid} invalid); minimum {minimum}, target {target}</translation>
        </message>
        <message>
            <location filename="../../ui/steps/survey.py" line="207" />
            <source>有效样本 {valid} 份（无效 {invalid} 份），最低要求 {minimum} 份</source>
            <translation>{valid} valid responses ({invalid} invalid); minimum {minimum}</translation>
        </message>
        <message>
            <location filename="../../ui/steps/survey.py" line="209" />
            <source>总体满意率 {rate}（95% 区间 {low}–{high}）</source>
            <translation>Overall satisfaction {rate} (95% interval {low}–{high})</translation>
        </message>
        <message>
            <location filename="../../ui/steps/survey.py" line="211" />
            <source>严格满意率 {strict}　满意度指数 {index}</source>
            <translation>Strict satisfaction {strict}   satisfaction index {index}</translation>
        </message>
        <message>
            <location filename="../../ui/steps/survey.py" line="216" />
            <source>{item} 换算得分：{score}（样本不足，已按上限封顶）</source>
            <translation>{item} derived score: {score} (too few responses: capped)</translation>
        </message>
        <message>
            <location filename="../../ui/steps/survey.py" line="217" />
            <source>{item} 换算得分：{score}</source>
            <translation>{item} derived score: {score}</translation>
        </message>
        <message>
            <location filename="../../ui/steps/survey.py" line="224" />
            <source>问题</source>
            <comment>survey question</comment>
            <translation>Question</translation>
        </message>
        <message>
            <location filename="../../ui/steps/survey.py" line="226" />
            <source>满意率</source>
            <translation>Rate</translation>
        </message>
        <message>
            <location filename="../../ui/steps/survey.py" line="226" />
            <source>指数</source>
            <translation>Index</translation>
        </message>
        <message>
            <location filename="../../ui/steps/survey.py" line="231" />
            <source>本行只录入了 {n} / {total} 题，未答的题目按未回答保存？</source>
            <translation>This row has only {n} / {total} answers; save the rest as unanswered?</translation>
        </message>
        <message>
            <location filename="../../ui/steps/survey.py" line="244" />
            <source>已保存，但总体满意度未回答或为“不了解”，该样本记为无效</source>
            <translation>Saved, but overall satisfaction is unanswered or “don't know”: this response counts as invalid</translation>
        </message>
        <message>
            <location filename="../../ui/steps/survey.py" line="252" />
            <source>删除选中的 {n} 份样本？（修改记录中保留）</source>
            <translation>Delete the {n} selected response(s)? (The change record keeps them.)</translation>
        </message>
        <message>
            <location filename="../../ui/tasks.py" line="42" />
            <source>程序内部错误，操作未完成；详细信息已写入日志。</source>
            <translation>Internal error: the operation did not finish; the details were written to the log.</translation>
        </message>
        <message>
            <source>宣布评估组成员、评估程序及有关事宜</source>
            <extracomment>step title (evaluator_app/domain/steps.py)</extracomment>
            <translation>Announce the panel members, the procedure and related matters</translation>
        </message>
        <message>
            <source>宣布评估组与程序</source>
            <extracomment>step name in the step list, keep it short (evaluator_app/domain/steps.py)</extracomment>
            <translation>Announce panel and procedure</translation>
        </message>
        <message>
            <source>第二十一条（一）</source>
            <extracomment>article of the 细则 a step follows (evaluator_app/domain/steps.py)</extracomment>
            <translation>Art. 21 (1)</translation>
        </message>
        <message>
            <source>听取试点单位工作汇报</source>
            <extracomment>step title (evaluator_app/domain/steps.py)</extracomment>
            <translation>Hear the pilot unit's work report</translation>
        </message>
        <message>
            <source>听取工作汇报</source>
            <extracomment>step name in the step list, keep it short (evaluator_app/domain/steps.py)</extracomment>
            <translation>Hear the work report</translation>
        </message>
        <message>
            <source>第二十一条（二）</source>
            <extracomment>article of the 细则 a step follows (evaluator_app/domain/steps.py)</extracomment>
            <translation>Art. 21 (2)</translation>
        </message>
        <message>
            <source>查阅相应的文件、记录、标准文本等资料</source>
            <extracomment>step title (evaluator_app/domain/steps.py)</extracomment>
            <translation>Review documents, records, standard texts and other materials</translation>
        </message>
        <message>
            <source>查阅资料</source>
            <extracomment>step name in the step list, keep it short (evaluator_app/domain/steps.py)</extracomment>
            <translation>Review documents</translation>
        </message>
        <message>
            <source>第二十一条（三）</source>
            <extracomment>article of the 细则 a step follows (evaluator_app/domain/steps.py)</extracomment>
            <translation>Art. 21 (3)</translation>
        </message>
        <message>
            <source>考核现场</source>
            <extracomment>step title (evaluator_app/domain/steps.py)</extracomment>
            <translation>Site inspection</translation>
        </message>
        <message>
            <source>第二十一条（四）</source>
            <extracomment>article of the 细则 a step follows (evaluator_app/domain/steps.py)</extracomment>
            <translation>Art. 21 (4)</translation>
        </message>
        <message>
            <source>随机调查公众满意程度</source>
            <extracomment>step title (evaluator_app/domain/steps.py)</extracomment>
            <translation>Survey public satisfaction at random</translation>
        </message>
        <message>
            <source>满意度调查</source>
            <extracomment>step name in the step list, keep it short (evaluator_app/domain/steps.py)</extracomment>
            <translation>Satisfaction survey</translation>
        </message>
        <message>
            <source>第二十一条（五）</source>
            <extracomment>article of the 细则 a step follows (evaluator_app/domain/steps.py)</extracomment>
            <translation>Art. 21 (5)</translation>
        </message>
        <message>
            <source>对照评估计分表进行测评</source>
            <extracomment>step title (evaluator_app/domain/steps.py)</extracomment>
            <translation>Score against the evaluation score sheet</translation>
        </message>
        <message>
            <source>对照计分表测评</source>
            <extracomment>step name in the step list, keep it short (evaluator_app/domain/steps.py)</extracomment>
            <translation>Score against the sheet</translation>
        </message>
        <message>
            <source>第二十一条（六）</source>
            <extracomment>article of the 细则 a step follows (evaluator_app/domain/steps.py)</extracomment>
            <translation>Art. 21 (6)</translation>
        </message>
        <message>
            <source>形成考核评估结论</source>
            <extracomment>step title (evaluator_app/domain/steps.py)</extracomment>
            <translation>Reach the evaluation conclusion</translation>
        </message>
        <message>
            <source>形成评估结论</source>
            <extracomment>step name in the step list, keep it short (evaluator_app/domain/steps.py)</extracomment>
            <translation>Reach the conclusion</translation>
        </message>
        <message>
            <source>第二十一条（七）</source>
            <extracomment>article of the 细则 a step follows (evaluator_app/domain/steps.py)</extracomment>
            <translation>Art. 21 (7)</translation>
        </message>
        <message>
            <source>向试点单位通报评估情况，提出改进意见和建议</source>
            <extracomment>step title (evaluator_app/domain/steps.py)</extracomment>
            <translation>Debrief the pilot unit and make suggestions for improvement</translation>
        </message>
        <message>
            <source>通报评估情况</source>
            <extracomment>step name in the step list, keep it short (evaluator_app/domain/steps.py)</extracomment>
            <translation>Debrief the pilot unit</translation>
        </message>
        <message>
            <source>第二十一条（八）</source>
            <extracomment>article of the 细则 a step follows (evaluator_app/domain/steps.py)</extracomment>
            <translation>Art. 21 (8)</translation>
        </message>
        <message>
            <source>成立复查专家组</source>
            <extracomment>step title (evaluator_app/domain/steps.py)</extracomment>
            <translation>Form the re-inspection panel</translation>
        </message>
        <message>
            <source>第三十四条（一）</source>
            <extracomment>article of the 细则 a step follows (evaluator_app/domain/steps.py)</extracomment>
            <translation>Art. 34 (1)</translation>
        </message>
        <message>
            <source>申请材料评价</source>
            <extracomment>step title (evaluator_app/domain/steps.py)</extracomment>
            <translation>Review the application materials</translation>
        </message>
        <message>
            <source>第三十四条（二）</source>
            <extracomment>article of the 细则 a step follows (evaluator_app/domain/steps.py)</extracomment>
            <translation>Art. 34 (2)</translation>
        </message>
        <message>
            <source>现场复查（体系文件审查与现场抽查）</source>
            <extracomment>step title (evaluator_app/domain/steps.py)</extracomment>
            <translation>On-site re-inspection (system documents and spot checks)</translation>
        </message>
        <message>
            <source>现场复查</source>
            <extracomment>step name in the step list, keep it short (evaluator_app/domain/steps.py)</extracomment>
            <translation>On-site re-inspection</translation>
        </message>
        <message>
            <source>第三十四条（三）</source>
            <extracomment>article of the 细则 a step follows (evaluator_app/domain/steps.py)</extracomment>
            <translation>Art. 34 (3)</translation>
        </message>
        <message>
            <source>公众满意度抽查</source>
            <extracomment>step title (evaluator_app/domain/steps.py)</extracomment>
            <translation>Public satisfaction spot check</translation>
        </message>
        <message>
            <source>满意度抽查</source>
            <extracomment>step name in the step list, keep it short (evaluator_app/domain/steps.py)</extracomment>
            <translation>Satisfaction spot check</translation>
        </message>
        <message>
            <source>形成复查结论并与被复查单位沟通</source>
            <extracomment>step title (evaluator_app/domain/steps.py)</extracomment>
            <translation>Reach the re-inspection conclusion and discuss it with the unit</translation>
        </message>
        <message>
            <source>形成复查结论</source>
            <extracomment>step name in the step list, keep it short (evaluator_app/domain/steps.py)</extracomment>
            <translation>Reach the re-inspection conclusion</translation>
        </message>
        <message>
            <source>第三十四条（四）</source>
            <extracomment>article of the 细则 a step follows (evaluator_app/domain/steps.py)</extracomment>
            <translation>Art. 34 (4)</translation>
        </message>
        <message>
            <source>试点评估</source>
            <extracomment>kind of evaluation (evaluator_app/domain/evaluation.py)</extracomment>
            <translation>Pilot evaluation</translation>
        </message>
        <message>
            <source>中期评估</source>
            <extracomment>kind of evaluation (evaluator_app/domain/evaluation.py)</extracomment>
            <translation>Mid-term evaluation</translation>
        </message>
        <message>
            <source>复查</source>
            <extracomment>kind of evaluation (evaluator_app/domain/evaluation.py)</extracomment>
            <translation>Re-inspection</translation>
        </message>
        <message>
            <source>标准化专家</source>
            <extracomment>member category (evaluator_app/domain/evaluation.py)</extracomment>
            <translation>Standardization expert</translation>
        </message>
        <message>
            <source>行业专家</source>
            <extracomment>member category (evaluator_app/domain/evaluation.py)</extracomment>
            <translation>Industry expert</translation>
        </message>
        <message>
            <source>管理人员</source>
            <extracomment>member category (evaluator_app/domain/evaluation.py)</extracomment>
            <translation>Administrator</translation>
        </message>
        <message>
            <source>组长</source>
            <extracomment>member role (evaluator_app/domain/evaluation.py)</extracomment>
            <translation>Panel leader</translation>
        </message>
        <message>
            <source>随机抽取</source>
            <extracomment>how a member was selected (evaluator_app/domain/evaluation.py)</extracomment>
            <translation>Random draw</translation>
        </message>
        <message>
            <source>推荐</source>
            <extracomment>how a member was selected (evaluator_app/domain/evaluation.py)</extracomment>
            <translation>Nominated</translation>
        </message>
        <message>
            <source>群众</source>
            <extracomment>survey respondent type (evaluator_app/domain/evaluation.py)</extracomment>
            <translation>Public</translation>
        </message>
        <message>
            <source>企业</source>
            <extracomment>survey respondent type (evaluator_app/domain/evaluation.py)</extracomment>
            <translation>Business</translation>
        </message>
        <message>
            <source>试点名称</source>
            <extracomment>field of the pilot form (evaluator_app/domain/evaluation.py)</extracomment>
            <translation>Pilot name</translation>
        </message>
        <message>
            <source>地址</source>
            <extracomment>field of the pilot form (evaluator_app/domain/evaluation.py)</extracomment>
            <translation>Address</translation>
        </message>
        <message>
            <source>法定代表人（负责人）</source>
            <extracomment>field of the pilot form (evaluator_app/domain/evaluation.py)</extracomment>
            <translation>Legal representative (head)</translation>
        </message>
        <message>
            <source>联系人</source>
            <extracomment>field of the pilot form (evaluator_app/domain/evaluation.py)</extracomment>
            <translation>Contact person</translation>
        </message>
        <message>
            <source>保证单位</source>
            <extracomment>field of the pilot form (evaluator_app/domain/evaluation.py)</extracomment>
            <translation>Guarantor</translation>
        </message>
        <message>
            <source>业务指导单位</source>
            <extracomment>field of the pilot form (evaluator_app/domain/evaluation.py)</extracomment>
            <translation>Supervising unit</translation>
        </message>
        <message>
            <source>管理单位</source>
            <extracomment>field of the pilot form (evaluator_app/domain/evaluation.py)</extracomment>
            <translation>Managing unit</translation>
        </message>
        <message>
            <source>所属行业</source>
            <extracomment>field of the pilot form (evaluator_app/domain/evaluation.py)</extracomment>
            <translation>Industry</translation>
        </message>
        <message>
            <source>试点期限起</source>
            <extracomment>field of the pilot form (evaluator_app/domain/evaluation.py)</extracomment>
            <translation>Pilot term from</translation>
        </message>
        <message>
            <source>试点期限止</source>
            <extracomment>field of the pilot form (evaluator_app/domain/evaluation.py)</extracomment>
            <translation>Pilot term to</translation>
        </message>
        <message>
            <source>标准体系运行起始日期</source>
            <extracomment>field of the pilot form (evaluator_app/domain/evaluation.py)</extracomment>
            <translation>Standard system in operation since</translation>
        </message>
        <message>
            <source>试点评估时间</source>
            <extracomment>field of the pilot form (evaluator_app/domain/evaluation.py)</extracomment>
            <translation>Date of the pilot evaluation</translation>
        </message>
        <message>
            <source>确定为“试点合格单位”时间</source>
            <extracomment>field of the pilot form (evaluator_app/domain/evaluation.py)</extracomment>
            <translation>Date qualified as a “qualified pilot unit”</translation>
        </message>
        <message>
            <source>确定为“试点合格单位”文件号</source>
            <extracomment>field of the pilot form (evaluator_app/domain/evaluation.py)</extracomment>
            <translation>Document no. qualifying it as a “qualified pilot unit”</translation>
        </message>
        <message>
            <source>本人现在或近三年在试点单位或其参加单位、保证单位、业务指导单位任职</source>
            <extracomment>conflict-of-interest question (evaluator_app/domain/evaluation.py)</extracomment>
            <translation>I work, or have worked in the last three years, for the pilot unit, one of its participating units, its guarantor or its supervising unit</translation>
        </message>
        <message>
            <source>本人曾为本试点提供咨询，或参与起草本试点的标准</source>
            <extracomment>conflict-of-interest question (evaluator_app/domain/evaluation.py)</extracomment>
            <translation>I have advised this pilot or helped draft its standards</translation>
        </message>
        <message>
            <source>本人与试点单位存在亲属关系或经济利益关系</source>
            <extracomment>conflict-of-interest question (evaluator_app/domain/evaluation.py)</extracomment>
            <translation>I am related to the pilot unit by family or financial interest</translation>
        </message>
        <message>
            <source>未开始</source>
            <extracomment>step status (evaluator_app/domain/workflow.py)</extracomment>
            <translation>Not started</translation>
        </message>
        <message>
            <source>进行中</source>
            <extracomment>step status (evaluator_app/domain/workflow.py)</extracomment>
            <translation>In progress</translation>
        </message>
        <message>
            <source>已完成</source>
            <extracomment>step status (evaluator_app/domain/workflow.py)</extracomment>
            <translation>Done</translation>
        </message>
        <message>
            <source>未查</source>
            <extracomment>checklist result (evaluator_app/domain/workflow.py)</extracomment>
            <translation>Not checked</translation>
        </message>
        <message>
            <source>部分符合</source>
            <extracomment>checklist result (evaluator_app/domain/workflow.py)</extracomment>
            <translation>Partly met</translation>
        </message>
        <message>
            <source>不符合</source>
            <extracomment>checklist result (evaluator_app/domain/workflow.py)</extracomment>
            <translation>Not met</translation>
        </message>
        <message>
            <source>组织管理</source>
            <extracomment>topic of the pilot's summary report (evaluator_app/domain/workflow.py)</extracomment>
            <translation>Organization and management</translation>
        </message>
        <message>
            <source>标准体系建设</source>
            <extracomment>topic of the pilot's summary report (evaluator_app/domain/workflow.py)</extracomment>
            <translation>Building the standard system</translation>
        </message>
        <message>
            <source>标准实施应用</source>
            <extracomment>topic of the pilot's summary report (evaluator_app/domain/workflow.py)</extracomment>
            <translation>Implementing the standards</translation>
        </message>
        <message>
            <source>任务完成情况</source>
            <extracomment>topic of the pilot's summary report (evaluator_app/domain/workflow.py)</extracomment>
            <translation>Completion of tasks</translation>
        </message>
        <message>
            <source>试点效果</source>
            <extracomment>topic of the pilot's summary report (evaluator_app/domain/workflow.py)</extracomment>
            <translation>Results of the pilot</translation>
        </message>
        <message>
            <source>合格</source>
            <extracomment>result of an evaluation (evaluator_app/domain/scoring.py)</extracomment>
            <translation>Pass</translation>
        </message>
        <message>
            <source>不合格</source>
            <extracomment>result of an evaluation (evaluator_app/domain/scoring.py)</extracomment>
            <translation>Fail</translation>
        </message>
        <message>
            <source>进展良好</source>
            <extracomment>result of an evaluation (evaluator_app/domain/scoring.py)</extracomment>
            <translation>Good progress</translation>
        </message>
        <message>
            <source>基本正常</source>
            <extracomment>result of an evaluation (evaluator_app/domain/scoring.py)</extracomment>
            <translation>On track</translation>
        </message>
        <message>
            <source>滞后</source>
            <extracomment>result of an evaluation (evaluator_app/domain/scoring.py)</extracomment>
            <translation>Behind schedule</translation>
        </message>
        <message>
            <source>第二十三条</source>
            <extracomment>result or sheet wording shared by the report, the workbook and the window; keep the {placeholders} (evaluator_app/presentation.py)</extracomment>
            <translation>Article 23</translation>
        </message>
        <message>
            <source>第二十四条</source>
            <extracomment>result or sheet wording shared by the report, the workbook and the window; keep the {placeholders} (evaluator_app/presentation.py)</extracomment>
            <translation>Article 24</translation>
        </message>
        <message>
            <source>第十八条</source>
            <extracomment>result or sheet wording shared by the report, the workbook and the window; keep the {placeholders} (evaluator_app/presentation.py)</extracomment>
            <translation>Article 18</translation>
        </message>
        <message>
            <source>第三十六条</source>
            <extracomment>result or sheet wording shared by the report, the workbook and the window; keep the {placeholders} (evaluator_app/presentation.py)</extracomment>
            <translation>Article 36</translation>
        </message>
        <message>
            <source>第三十七条</source>
            <extracomment>result or sheet wording shared by the report, the workbook and the window; keep the {placeholders} (evaluator_app/presentation.py)</extracomment>
            <translation>Article 37</translation>
        </message>
        <message>
            <source>复查合格</source>
            <extracomment>result or sheet wording shared by the report, the workbook and the window; keep the {placeholders} (evaluator_app/presentation.py)</extracomment>
            <translation>Passed re-inspection</translation>
        </message>
        <message>
            <source>复查不合格</source>
            <extracomment>result or sheet wording shared by the report, the workbook and the window; keep the {placeholders} (evaluator_app/presentation.py)</extracomment>
            <translation>Failed re-inspection</translation>
        </message>
        <message>
            <source>{rating}（完成度 {percent}）</source>
            <extracomment>result or sheet wording shared by the report, the workbook and the window; keep the {placeholders} (evaluator_app/presentation.py)</extracomment>
            <translation>{rating} (completion {percent})</translation>
        </message>
        <message>
            <source>{result}（存在否决项 {codes}）</source>
            <extracomment>result or sheet wording shared by the report, the workbook and the window; keep the {placeholders} (evaluator_app/presentation.py)</extracomment>
            <translation>{result} (veto items in force: {codes})</translation>
        </message>
        <message>
            <source>尚未形成结论</source>
            <extracomment>result or sheet wording shared by the report, the workbook and the window; keep the {placeholders} (evaluator_app/presentation.py)</extracomment>
            <translation>No conclusion yet</translation>
        </message>
        <message>
            <source>尚未形成结论（评估组组成或回避不符合要求）</source>
            <extracomment>result or sheet wording shared by the report, the workbook and the window; keep the {placeholders} (evaluator_app/presentation.py)</extracomment>
            <translation>No conclusion yet (the panel or its declarations do not meet the rules)</translation>
        </message>
        <message>
            <source>尚未形成结论（尚有 {count} 项评分未录入）</source>
            <extracomment>result or sheet wording shared by the report, the workbook and the window; keep the {placeholders} (evaluator_app/presentation.py)</extracomment>
            <translation>No conclusion yet ({count} scores still to be entered)</translation>
        </message>
        <message>
            <source>尚未形成结论（评估组组成或回避不符合要求；尚有 {count} 项评分未录入）</source>
            <extracomment>result or sheet wording shared by the report, the workbook and the window; keep the {placeholders} (evaluator_app/presentation.py)</extracomment>
            <translation>No conclusion yet (the panel or its declarations do not meet the rules; {count} scores still to be entered)</translation>
        </message>
        <message>
            <source>尚未形成结论（合并时有 {count} 处冲突，待组长决定）</source>
            <extracomment>result or sheet wording shared by the report, the workbook and the window; keep the {placeholders} (evaluator_app/presentation.py)</extracomment>
            <translation>No conclusion yet ({count} merge conflicts await the leader's decision)</translation>
        </message>
        <message>
            <source>{name}（版本 {version}，暂定）</source>
            <extracomment>result or sheet wording shared by the report, the workbook and the window; keep the {placeholders} (evaluator_app/presentation.py)</extracomment>
            <translation>{name} (version {version}, provisional)</translation>
        </message>
        <message>
            <source>{name}（版本 {version}）</source>
            <extracomment>result or sheet wording shared by the report, the workbook and the window; keep the {placeholders} (evaluator_app/presentation.py)</extracomment>
            <translation>{name} (version {version})</translation>
        </message>
        <message>
            <source>{name}（暂定）</source>
            <extracomment>result or sheet wording shared by the report, the workbook and the window; keep the {placeholders} (evaluator_app/presentation.py)</extracomment>
            <translation>{name} (provisional)</translation>
        </message>
        <message>
            <source>评估不合格：限期 {months} 个月整改{due}，整改结束后重新申请评估；仍未通过评估的，撤销其试点资格（{article}）</source>
            <extracomment>result or sheet wording shared by the report, the workbook and the window; keep the {placeholders} (evaluator_app/presentation.py)</extracomment>
            <translation>Failed: rectify within {months} months{due}, then apply for re-evaluation; if it fails again, the pilot status is revoked ({article})</translation>
        </message>
        <message>
            <source>（至 {date}）</source>
            <extracomment>result or sheet wording shared by the report, the workbook and the window; keep the {placeholders} (evaluator_app/presentation.py)</extracomment>
            <translation> (until {date})</translation>
        </message>
        <message>
            <source>评估合格：合格结果有效期 {years} 年，自公布试点合格单位名单之日起算{due}，届满前 {before} 个月可申请复查（{article}、第三十二条）</source>
            <extracomment>result or sheet wording shared by the report, the workbook and the window; keep the {placeholders} (evaluator_app/presentation.py)</extracomment>
            <translation>Passed: the result is valid for {years} years from the publication of the list of qualified pilots{due}; a re-inspection may be applied for {before} months before it expires ({article}, Article 32)</translation>
        </message>
        <message>
            <source>，按评估日期推算至 {date} 届满</source>
            <extracomment>result or sheet wording shared by the report, the workbook and the window; keep the {placeholders} (evaluator_app/presentation.py)</extracomment>
            <translation>, until {date} counted from the evaluation date</translation>
        </message>
        <message>
            <source>存在否决项：终止试点任务（{article}）</source>
            <extracomment>result or sheet wording shared by the report, the workbook and the window; keep the {placeholders} (evaluator_app/presentation.py)</extracomment>
            <translation>Veto item in force: the pilot task is terminated ({article})</translation>
        </message>
        <message>
            <source>中期评估不作合格判定；试点期满前 {before} 个月{due}，试点单位自查合格的，可提出评估申请（{article}）</source>
            <extracomment>result or sheet wording shared by the report, the workbook and the window; keep the {placeholders} (evaluator_app/presentation.py)</extracomment>
            <translation>A mid-term evaluation gives no pass or fail; from {before} months before the pilot term ends{due}, a unit that passes its self-check may apply for the final evaluation ({article})</translation>
        </message>
        <message>
            <source>（{date} 起）</source>
            <extracomment>result or sheet wording shared by the report, the workbook and the window; keep the {placeholders} (evaluator_app/presentation.py)</extracomment>
            <translation> (from {date})</translation>
        </message>
        <message>
            <source>复查合格：合格有效期 {years} 年{due}（{article}）</source>
            <extracomment>result or sheet wording shared by the report, the workbook and the window; keep the {placeholders} (evaluator_app/presentation.py)</extracomment>
            <translation>Re-inspection passed: valid for {years} more years{due} ({article})</translation>
        </message>
        <message>
            <source>复查不合格：取消其试点资格（{article}）</source>
            <extracomment>result or sheet wording shared by the report, the workbook and the window; keep the {placeholders} (evaluator_app/presentation.py)</extracomment>
            <translation>Re-inspection failed: the pilot status is revoked ({article})</translation>
        </message>
        <message>
            <source>存在否决项：停止复查工作；申请复查弄虚作假的，停止复查工作并通报批评（{article}）</source>
            <extracomment>result or sheet wording shared by the report, the workbook and the window; keep the {placeholders} (evaluator_app/presentation.py)</extracomment>
            <translation>Veto item in force: the re-inspection stops; a falsified application is stopped and publicly criticised ({article})</translation>
        </message>
        <message>
            <source>不了解</source>
            <extracomment>survey answer (evaluator_app/domain/sheet.py)</extracomment>
            <translation>Don't know</translation>
        </message>
        <message>
            <source>（无此记录）</source>
            <extracomment>a merged record's value in the conflict dialog; keep the {placeholders} (evaluator_app/sync/labels.py)</extracomment>
            <translation>(no such record)</translation>
        </message>
        <message>
            <source>{score} 分</source>
            <extracomment>a merged record's value in the conflict dialog; keep the {placeholders} (evaluator_app/sync/labels.py)</extracomment>
            <translation>{score} points</translation>
        </message>
        <message>
            <source>（未评分）</source>
            <extracomment>a merged record's value in the conflict dialog; keep the {placeholders} (evaluator_app/sync/labels.py)</extracomment>
            <translation>(not scored)</translation>
        </message>
        <message>
            <source>；扣分理由：{note}</source>
            <extracomment>a merged record's value in the conflict dialog; keep the {placeholders} (evaluator_app/sync/labels.py)</extracomment>
            <translation>; deduction note: {note}</translation>
        </message>
        <message>
            <source>评估文件 {name} 已全体签字并锁定，不能修改；如确需修改，须由组长填写理由解锁</source>
            <extracomment>refusal of an edit to a signed evaluation; keep the {placeholders} (evaluator_app/errors.py)</extracomment>
            <translation>The evaluation file {name} is signed by everyone and locked; it cannot be changed. If a change is really needed, the panel leader must unlock it, giving a reason</translation>
        </message>
        <message>
            <source>评估已全体签字并锁定，不能再签字；如确需重新签字，须由组长填写理由解锁</source>
            <extracomment>refusal of an edit to a signed evaluation; keep the {placeholders} (evaluator_app/errors.py)</extracomment>
            <translation>The evaluation is signed by everyone and locked; no more signatures can be given. If it must be signed again, the panel leader must unlock it, giving a reason</translation>
        </message>
        <message>
            <source>评估报告</source>
            <extracomment>what a signature confirms (evaluator_app/signing/records.py)</extracomment>
            <translation>Evaluation report</translation>
        </message>
        <message>
            <source>评估结论（组长签字）</source>
            <extracomment>what a signature confirms (evaluator_app/signing/records.py)</extracomment>
            <translation>Evaluation conclusion (panel leader's signature)</translation>
        </message>
        <message>
            <source>非常满意</source>
            <extracomment>satisfaction level of the default score sheet (scoring_sheets/)</extracomment>
            <translation>Very satisfied</translation>
        </message>
        <message>
            <source>满意</source>
            <extracomment>satisfaction level of the default score sheet (scoring_sheets/)</extracomment>
            <translation>Satisfied</translation>
        </message>
        <message>
            <source>基本满意</source>
            <extracomment>satisfaction level of the default score sheet (scoring_sheets/)</extracomment>
            <translation>Fairly satisfied</translation>
        </message>
        <message>
            <source>不满意</source>
            <extracomment>satisfaction level of the default score sheet (scoring_sheets/)</extracomment>
            <translation>Dissatisfied</translation>
        </message>
        <message>
            <source>非常不满意</source>
            <extracomment>satisfaction level of the default score sheet (scoring_sheets/)</extracomment>
            <translation>Very dissatisfied</translation>
        </message>
        <message>
            <source>评估日期应为 YYYY-MM-DD 格式的日期</source>
            <translation type="vanished">The evaluation date must be a date in YYYY-MM-DD format</translation>
        </message>
        <message>
            <source>评估组 {size} 人，其中标准化专家 {experts} 名（{size} 人评估组至少需要 {required} 名），符合第十九条要求；回避声明已全部填写</source>
            <translation type="vanished">Panel of {size}, of whom {experts} standardization expert(s) (a panel of {size} needs at least {required}); meets Article 19; all declarations made</translation>
        </message>
        <message>
            <source>所属领域</source>
            <translation type="vanished">Field</translation>
        </message>
        <message>
            <source>文件已存在：{file}；为避免覆盖，请换一个文件名</source>
            <translation type="vanished">File already exists: {file}; choose another name so nothing is overwritten</translation>
        </message>
        <message>
            <source>{name} 的计分表尚未提交；请先在第6步提交并锁定计分表，再签字确认。</source>
            <translation type="vanished">{name} has not submitted the score sheet yet; submit and lock it in step 6, then sign.</translation>
        </message>
        <message>
            <source>{error}

如文件已损坏，可在命令行运行 evaluator-app restore 文件名 从备份恢复。</source>
            <translation type="vanished">{error}

If the file is damaged, run evaluator-app restore FILE on the command line to restore it from a backup.</translation>
        </message>
        <message>
            <source>（尚未形成）</source>
            <translation type="vanished">(not yet reached)</translation>
        </message>
        <message>
            <source>该成员已提交计分表，评分已锁定；如需修改，请由组长在协商中重新开放该项</source>
            <translation type="vanished">This member has submitted the score sheet and the scores are locked; to change one, the panel leader reopens the item in a consensus round</translation>
        </message>
        <message>
            <source>数据文件夹（备份、密钥、日志）</source>
            <translation type="vanished">Data folder (backups, keys, logs)</translation>
        </message>
        <message>
            <source>{name} 尚未填写回避声明</source>
            <translation type="vanished">{name} has not made a conflict-of-interest declaration</translation>
        </message>
        <message>
            <source>此步骤还不能完成：
{problems}</source>
            <translation type="vanished">This step cannot be finished yet:
{problems}</translation>
        </message>
        <message>
            <source>结论：尚不能形成（评分未完成或评估组不符合要求）</source>
            <translation type="vanished">Conclusion: not yet possible (scoring unfinished or the panel does not meet the rules)</translation>
        </message>
        <message>
            <source>请在 {code} 后填写参与决定的成员与理由</source>
            <translation type="vanished">Enter the members who decided {code}, and why</translation>
        </message>
        <message>
            <source>否决项尚未决定：{codes}</source>
            <translation type="vanished">Veto items not yet decided: {codes}</translation>
        </message>
        <message>
            <source>评估综述尚未填写</source>
            <translation type="vanished">The evaluation summary has not been written</translation>
        </message>
        <message>
            <source>尚不能形成结论（评分未完成或评估组不符合要求）</source>
            <translation type="vanished">No conclusion possible yet (scoring unfinished or the panel does not meet the rules)</translation>
        </message>
        <message>
            <source>请填写通报时间</source>
            <translation type="vanished">Enter the debrief time</translation>
        </message>
        <message>
            <source>还不能提交：</source>
            <translation type="vanished">Cannot submit yet:</translation>
        </message>
        <message>
            <source>尚未提交计分表：{names}</source>
            <translation type="vanished">Score sheets not yet submitted: {names}</translation>
        </message>
        <message>
            <source>评分分歧尚未处理：{items}</source>
            <translation type="vanished">Score disagreements not yet resolved: {items}</translation>
        </message>
        <message>
            <source>程序内部错误，导出未完成；详细信息已写入日志。</source>
            <translation type="vanished">Internal program error: the export did not finish; details were written to the log.</translation>
        </message>
    </context>
</TS>
