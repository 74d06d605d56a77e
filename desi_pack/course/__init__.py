"""The course: the workbook as data, the trainer's own adaptations, clock times, the manual's rules."""
