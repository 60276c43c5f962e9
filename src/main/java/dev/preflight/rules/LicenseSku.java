package dev.preflight.rules;

/**
 * A SKU named in a license table (rows of {@code tables/writeback-skus.csv} and {@code tables/cloud-reset-skus.csv}).
 *
 * @param skuPartNumber the part number, compared case-insensitively
 * @param product       the product name people know it by
 */
public record LicenseSku(String skuPartNumber, String product) {
}
