"""`replylint batch` and `replylint mine`: lint and summarise exports of sent replies.

The pieces stream: readers yield raw records, workers lint chunks of them in
order, the writer appends one output record per input row, and the summary and
the canned-phrase miner keep only counters, so memory does not grow with the input.
"""
