-- diff-checker: the share of matching users (sampled cells weighted by their requests) beside the
-- share of matching points, each with its 95% confidence interval, and the cells per city that
-- would bring the interval to +/- the configured margin (hexsnap.diff.compare.margin, 2 points).
-- From this version on diff_run_resolution.meets_target and diff_run.recommended_resolution
-- judge the share of matching users; match_share stays the share of matching points.
-- NULL in rows written before this version, and where the sample cannot tell (one sampled cell
-- of a city of several, or no requests counted).
-- Valid on MySQL 8 and MariaDB 10.11; applied by the programs themselves (Flyway).
ALTER TABLE diff_run_resolution
  ADD COLUMN match_share_low             DOUBLE  NULL,  -- matching points, 95% interval
  ADD COLUMN match_share_high            DOUBLE  NULL,
  ADD COLUMN match_share_cells_for_margin INT    NULL,  -- cells per city for +/- margin, matching points
  ADD COLUMN user_match_share            DOUBLE  NULL,  -- matching users: the figure the target is checked on
  ADD COLUMN user_match_share_low        DOUBLE  NULL,
  ADD COLUMN user_match_share_high       DOUBLE  NULL,
  ADD COLUMN user_cells_for_margin       INT     NULL;  -- cells per city for +/- margin, matching users

ALTER TABLE diff_run_city
  ADD COLUMN match_share_low             DOUBLE  NULL,
  ADD COLUMN match_share_high            DOUBLE  NULL,
  ADD COLUMN match_share_cells_for_margin INT    NULL,  -- cells of this city for +/- margin on its own figure
  ADD COLUMN user_match_share            DOUBLE  NULL,
  ADD COLUMN user_match_share_low        DOUBLE  NULL,
  ADD COLUMN user_match_share_high       DOUBLE  NULL,
  ADD COLUMN user_cells_for_margin       INT     NULL;
