-- How the dataset's raw columns became a model's inputs (features in order, each numeric or one-hot over its
-- categories, the target and the dataset's checksum), kept with the model so raw rows can be predicted on after the
-- dataset is deleted. Models trained before it have none and predict on encoded instances only.
alter table model_artifact add column encoding text;
