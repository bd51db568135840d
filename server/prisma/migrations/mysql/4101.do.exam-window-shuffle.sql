-- exam-window-shuffle: written by hand.
-- Exam.opensAt / closesAt: the time window in which attempts may start (null: no bound).
-- Exam.shuffleQuestions: each attempt gets the paper's questions in its own order.
ALTER TABLE `Exam` ADD COLUMN `opensAt` DATETIME(3) NULL;
ALTER TABLE `Exam` ADD COLUMN `closesAt` DATETIME(3) NULL;
ALTER TABLE `Exam` ADD COLUMN `shuffleQuestions` BOOLEAN NOT NULL DEFAULT false;
