package org.cradle.linkage;

/**
 * The NHS number: ten digits, the last a modulus-11 check digit. Most agency records have none; some have one
 * mistyped, which the check digit usually shows.
 */
public final class NhsNumber {

    private NhsNumber() {
    }

    /** The number as a long (spaces and dashes ignored), or 0 when absent or not ten digits. */
    public static long parse(String text) {
        if (text == null) {
            return 0;
        }
        long n = 0;
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                n = n * 10 + (c - '0');
                digits++;
            } else if (c != ' ' && c != '-') {
                return 0;
            }
        }
        return digits == 10 ? n : 0;
    }

    /** True when the tenth digit is the modulus-11 check of the first nine (weights 10 down to 2). */
    public static boolean valid(long number) {
        if (number <= 0 || number > 9_999_999_999L) {
            return false;
        }
        int check = checkDigit(number / 10);
        return check >= 0 && check == number % 10;
    }

    /** The check digit for nine digits, or -1 when none fits (such numbers are never issued). */
    public static int checkDigit(long nineDigits) {
        int sum = 0;
        long rest = nineDigits;
        for (int weight = 2; weight <= 10; weight++) {
            sum += (int) (rest % 10) * weight;
            rest /= 10;
        }
        int check = 11 - sum % 11;
        return check == 11 ? 0 : check == 10 ? -1 : check;
    }
}
