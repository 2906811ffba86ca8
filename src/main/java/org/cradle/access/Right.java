package org.cradle.access;

/** An explicit right, given to one person for the whole store (a case team gives it per case instead). */
public enum Right { CONFIDENTIAL_ADDRESSES, SEALED_RECORDS }
