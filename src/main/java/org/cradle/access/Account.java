package org.cradle.access;

/**
 * Someone who can sign in: their role (social worker, health visitor, midwife, police officer, foster carer,
 * safeguarding lead, case reviewer) and the agency they work for.
 */
public record Account(String username, String name, String role, String agency) {
}
