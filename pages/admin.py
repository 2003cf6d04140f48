"""数据管理: for data staff, after logging in — import a statistics file (checked and shown before it is
confirmed), the history of imports, rollback, the blank template, the log of webhook deliveries and the log of
login tries."""

import streamlit as st

from tradestats.ui import web

web.routed()
st.title("数据管理")
if not web.logged_in():
    st.stop()

# Imported after the login: the import's modules bring openpyxl and lxml (~18 MB of the server's memory, measured
# in benchmarks/README.md), which the login form does not need.
from tradestats import config  # noqa: E402
from tradestats.access import login  # noqa: E402
from tradestats.alerting import alerts  # noqa: E402
from tradestats.deploy import deployment  # noqa: E402
from tradestats.domain import metrics, targets  # noqa: E402
from tradestats.notify import webhooks  # noqa: E402
from tradestats.present import tables  # noqa: E402
from tradestats.documents import auto, templates  # noqa: E402
from tradestats.ingest import importer, sources, target_file  # noqa: E402
from tradestats.store import db, history  # noqa: E402

path = config.db_path()
for left in history.interrupted(path):  # an import the server was killed during: did it land?
    (st.success if left["landed"] else st.warning)(history.interrupted_sentence(left))
    if st.button("知道了", key=f"dismiss_{left['note']}"):
        history.dismiss(left)
        st.rerun()
if (made := auto.status(path)) is not None:  # the automatic 统计月报 after the latest import, a failure first of all
    (st.error if made[0] == "error" else st.caption)(made[1])
upload, goals, log_tab, template, pushed, tries = st.tabs(["导入文件", "年度目标", "导入记录与回退", "空白模板",
                                                         "推送记录", "登录记录"])
with upload:
    file = st.file_uploader(f"统计文件、项目明细或地区文件（.xlsx、.xls、.csv；类型和编码自动识别；CSV 不超过 {sources.MAX_UPLOAD_MB} MB，"
                            f"Excel 不超过 {sources.MAX_BYTES >> 20} MB）", type=["xlsx", "xls", "csv"], key="upload",
                            max_upload_size=sources.MAX_UPLOAD_MB)
    if file is not None:
        # Checked once per file, data version and columns placed by hand, not again on every click of the
        # page (a large list takes seconds).
        mapping = st.session_state.get("upload_mapping", {}).get(file.file_id)
        words, period = (st.session_state.get(k, {}).get(file.file_id) for k in ("upload_values", "upload_period"))
        prefer = st.session_state.get(f"prefer_span_{file.file_id}", False)
        checked = (file.file_id, db.version_key(path), str(mapping), words, period, prefer)
        if st.session_state.get("checked_upload", (None,))[0] != checked:
            st.session_state["checked_upload"] = (checked, importer.plan(path, file.name, file.getvalue(),
                                                                         mapping=mapping, values=words, period=period,
                                                                         prefer_span=prefer))
        plan = st.session_state["checked_upload"][1]
        if plan.problems:
            st.dataframe(tables.problems_table(plan.problems), hide_index=True)
        if any("没有月份列" in p.message for p in plan.errors):
            given = st.text_input("表中没有月份列：请填写这张表的期间（如 2024年9月、2024年1-9月、2024年第三季度、2024年）")
            if given and st.button("按此期间重新检查"):
                st.session_state["upload_period"] = {file.file_id: given}
                st.rerun()
        picked = web.value_selects(plan.problems, f"value_{file.file_id}", importer.known_names(path))
        if picked is not None and st.button("按所选的叫法重新检查"):
            st.session_state["upload_values"] = {file.file_id: picked}
            st.rerun()
        chosen = web.column_selects(plan.problems, key=f"column_{file.file_id}")
        if chosen is not None and st.button("按所选的对应重新检查", disabled=not chosen):
            st.session_state["upload_mapping"] = {file.file_id: {**(mapping or {}), **chosen}}
            st.rerun()
        if mapping and plan.errors and st.button("清除所选的列对应"):
            st.session_state["upload_mapping"] = {}
            st.rerun()
        if plan.errors:
            listed = f"（表中列出前 {len(plan.errors)} 处）" if plan.unlisted else ""
            st.error(f"共 {plan.error_count} 处错误{listed}，未导入，数据没有改动。请改正后重新上传。")
        else:
            st.code(plan.describe(), language=None)
            if isinstance(plan, importer.CellsPlan) and plan.span_differences:  # the months win unless chosen
                st.checkbox("以报表数为准（不用库中各月之和；选择记入导入记录）", key=f"prefer_span_{file.file_id}")
            if isinstance(plan, importer.CellsPlan) and plan.kind == "stats":  # what will be stored, row by row
                st.dataframe(plan.preview(), hide_index=True)
            confirmed = not plan.warnings or st.checkbox(f"我已核对以上 {len(plan.warnings)} 处警告，确认导入")
            if st.button("确认导入", type="primary", disabled=not confirmed):
                try:
                    by = f"{importer.user()}（网页）"
                    with history.attempt(path, plan.file_name, plan.sha256, by):
                        target = importer.apply(path, plan, confirmed=True, by=by)
                except importer.Refused as e:
                    st.error("未导入，数据没有改动：" + "；".join(p.message for p in e.problems))
                except db.WriteFailed as e:  # the disk full: said as the command line says it
                    st.error(f"未导入。{e}")
                else:
                    st.success("与当前数据相同，没有导入。" if target is None else f"已导入，当前版本：{target.stem}")
                    if target is not None and (line := alerts.raised_line(alerts.of_latest_import(path))):
                        st.page_link("pages/alerts.py", label=f"{line}，查看并处理", icon=":material/notifications_active:")
with goals:  # the year's targets entered or corrected here: checked and written as a targets file is
    ctx = web.context()
    year = st.number_input("年份", 2000, 2100, int(ctx.data_through[:4] or 2024) if ctx.data_through else 2024,
                           key="targets_year")
    edited = st.data_editor(targets.editor_rows(web.query, year), num_rows="dynamic", hide_index=True,
                            key=f"targets_{year}_{db.version_key(path)}", column_config={
        targets.EDITOR[0]: st.column_config.SelectboxColumn(options=list(ctx.regions.region_name), required=True),
        targets.EDITOR[1]: st.column_config.SelectboxColumn(options=[targets.ALL_SECTORS, *ctx.sectors.sector_name],
                                                           default=targets.ALL_SECTORS),
        targets.EDITOR[2]: st.column_config.SelectboxColumn(options=[m.label for m in metrics.HEADLINE],
                                                           required=True),
        targets.EDITOR[3]: st.column_config.NumberColumn(min_value=0, format="%.2f", required=True)})
    st.caption("“全部板块”的目标按各板块合计计算；金额目标以万元计，项目数目标以宗计。保存时按年度目标文件检查，表中没有的本年目标会删除。")
    if st.button("保存目标", type="primary"):
        plan = importer.plan_year_targets(path, year, target_file.as_file(edited, year))
        if plan.errors:
            st.dataframe(tables.problems_table(plan.problems), hide_index=True)
            st.error("目标没有保存，数据没有改动。请改正后再保存。")
        else:
            target = importer.apply(path, plan, confirmed=True, by=f"{importer.user()}（网页）")
            st.success(plan.describe() if target is not None else "目标与当前数据相同，没有改动。")
with log_tab:
    log = history.imports(path)
    if log.empty:
        st.caption("还没有导入记录：当前数据来自 tradestats init。")
    else:
        st.dataframe(tables.imports_table(log), hide_index=True)
    kept = db.kept(path)  # newest first, each with why it is kept
    st.dataframe(tables.versions_table(kept), hide_index=True)
    current = db.current_version(path)
    choice = st.selectbox("回退到版本", list(kept), format_func=lambda v: v + ("（当前）" if v == current else ""))
    if st.button("回退", disabled=choice == current):
        deployment.rollback(path, choice)
        st.success(f"已回退到 {choice}。")
with template:
    for kind, (title, _, note) in templates.KINDS.items():
        st.download_button(f"下载{title}导入模板（Excel）", templates.template(web.query, kind),
                           file_name=f"{title}导入模板.xlsx", key=f"template_{kind}")
        st.caption(note)
with pushed:
    sent = webhooks.recent(webhooks.log_path(path))
    if sent:
        st.caption(f"最近 {len(sent)} 次推送尝试，最新的在前；完整记录在 {webhooks.log_path(path)}。")
        st.dataframe(tables.webhook_table(sent), hide_index=True)
    else:
        st.caption("还没有推送记录。导入后，主要指标和新的预警推送到部署设置中的 webhook（settings.toml 的 [[webhook]] "
                   f"或环境变量 {webhooks.ENV}）；没有设置时不推送。")
with tries:
    entries = login.recent(login.log_path(path))
    if entries:
        st.caption(f"最近 {len(entries)} 次登录尝试，最新的在前；完整记录在 {login.log_path(path)}。")
        st.dataframe(tables.login_table(entries), hide_index=True)
    else:
        st.caption("还没有登录记录。")
