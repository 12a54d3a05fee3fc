-- Feature columns declared categorical at upload: one-hot encoded when the dataset is loaded for training.
alter table dataset add column categorical_columns varchar(4000);
