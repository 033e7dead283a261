-- Whether this instance created the facility itself as part of the synthetic demo hospital
-- (demo/seed). The local shape's in-process purge timer removes only patients of such facilities,
-- so a facility an operator set up (`npm run facility -- create`) keeps its test data until
-- someone runs `npm run purge` deliberately. NULL (rows from before this column, and every
-- facility made by an operator) means "not demo". Plain ADD COLUMN: DSQL takes no default here.
ALTER TABLE facility ADD COLUMN loaded_as_demo boolean;
