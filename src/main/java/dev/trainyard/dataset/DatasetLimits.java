package dev.trainyard.dataset;

import static dev.trainyard.system.Settings.positive;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits on datasets, bound from {@code trainyard.datasets.*}. Together they bound what one upload may cost: its
 * text ({@code maxBytes}, counted after decompression, so a gzip bomb stops there), the memory of one row (at most
 * {@code maxColumns} fields of {@code maxFieldChars} each) and of the categories kept for profiling
 * ({@code maxCategoriesTotal} values of at most {@code maxFieldChars}), and how many uploads a node checks at once.
 *
 * @param maxBytes             CSV text per upload, after decompression
 * @param maxRows              data rows per dataset
 * @param maxColumns           columns per dataset
 * @param minRows              data rows needed to train and evaluate
 * @param maxFieldChars        characters in one field (a value or a column name)
 * @param maxCategories        distinct values of one categorical feature column
 * @param maxCategoriesTotal   distinct values of all categorical feature columns together
 * @param maxConcurrentUploads uploads this node receives and checks at once; more are refused with 503
 * @param uploadRetryAfter     the Retry-After of that refusal
 */
@ConfigurationProperties("trainyard.datasets")
record DatasetLimits(@DefaultValue("209715200") long maxBytes, @DefaultValue("2000000") long maxRows,
                     @DefaultValue("2000") int maxColumns, @DefaultValue("10") int minRows,
                     @DefaultValue("1024") int maxFieldChars, @DefaultValue("1000") int maxCategories,
                     @DefaultValue("20000") int maxCategoriesTotal, @DefaultValue("2") int maxConcurrentUploads,
                     @DefaultValue("5s") Duration uploadRetryAfter) {

    DatasetLimits {
        positive("trainyard.datasets.max-bytes", maxBytes);
        positive("trainyard.datasets.max-rows", maxRows);
        positive("trainyard.datasets.max-columns", maxColumns);
        positive("trainyard.datasets.max-field-chars", maxFieldChars);
        positive("trainyard.datasets.max-categories", maxCategories);
        positive("trainyard.datasets.max-categories-total", maxCategoriesTotal);
        positive("trainyard.datasets.max-concurrent-uploads", maxConcurrentUploads);
        positive("trainyard.datasets.upload-retry-after (whole seconds)", uploadRetryAfter.toSeconds());
    }
}
