package org.cradle.access;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The condition of the UK GDPR and the Data Protection Act 2018 that a share of information relies on, recorded on each share. */
public enum LegalBasis {
    SAFEGUARDING("safeguarding", "UK GDPR Art 6(1)(e) public task, with Art 9(2)(g) and DPA 2018 Schedule 1 paragraph 18 "
            + "(safeguarding of children and of individuals at risk)"),
    LEGAL_OBLIGATION("legal-obligation", "UK GDPR Art 6(1)(c) legal obligation (Children Act 1989 s47, Children Act 2004 s11), "
            + "with Art 9(2)(g) and DPA 2018 Schedule 1 paragraph 18"),
    VITAL_INTERESTS("vital-interests", "UK GDPR Art 6(1)(d) and Art 9(2)(c) vital interests (a risk to life)"),
    HEALTH_AND_CARE("health-and-care", "UK GDPR Art 6(1)(e) with Art 9(2)(h) and DPA 2018 Schedule 1 paragraph 2 (health or social care)"),
    LAW_ENFORCEMENT("law-enforcement", "DPA 2018 Part 3, sections 35 and 42 (law enforcement processing, sensitive processing)"),
    CONSENT("consent", "UK GDPR Art 6(1)(a) consent, with Art 9(2)(a) explicit consent");

    private final String code;
    private final String condition;

    LegalBasis(String code, String condition) {
        this.code = code;
        this.condition = condition;
    }

    public String code() {
        return code;
    }

    public String condition() {
        return condition;
    }

    public static LegalBasis of(String code) {
        return Arrays.stream(values()).filter(b -> b.code.equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the legal basis is one of "
                        + Arrays.stream(values()).map(LegalBasis::code).collect(Collectors.joining(", ")) + ", not \"" + code + "\""));
    }
}
