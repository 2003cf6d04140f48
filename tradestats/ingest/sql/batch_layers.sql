-- grain: one row per cell of a small file's batch (batch: its row i and the column texts), in the batch's order:
--        the cells through three layers of select expressions, each using those before it (rules._batch).
-- placeholders: out: the columns wanted; parts, problem, value: the layers (rules.money_columns and its kin)
select {out} from (select *, {value} from (select *, {problem} from (select *, {parts} from batch))) order by i
