-- attempt-answers-saved-at: written by hand.
-- ExamAttempt.answersSavedAt: saving answers updates the attempt row first, in the same
-- transaction, so saves and submitting are ordered by the row lock (exams/service.ts).
ALTER TABLE `ExamAttempt` ADD COLUMN `answersSavedAt` DATETIME(3) NULL;
