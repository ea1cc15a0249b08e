-- one row per mini-program, local date and task (the income export)
select * from read_parquet('snapshot/mini_program_income.parquet')
