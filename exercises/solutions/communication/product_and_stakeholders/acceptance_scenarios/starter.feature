# A reference set of acceptance criteria for FIN-88: one scenario per rule finance stated, each placed
# where a plausible implementation would get it wrong.

Feature: Monthly export of paid orders for finance

  Scenario: The month is Berlin's, so a payment just after midnight on the 1st belongs to the new month
    Given an order A1 paid at 2026-11-01T00:30:00+01:00 for 49.90 EUR
    When finance exports 2026-11
    Then the export contains order A1 for 49.90 EUR
    When finance exports 2026-10
    Then the export does not contain order A1

  Scenario: A payment at exactly midnight starts the new month
    Given an order A2 paid at 2026-12-01T00:00:00+01:00 for 10.00 EUR
    When finance exports 2026-12
    Then the export contains order A2 for 10.00 EUR
    When finance exports 2026-11
    Then the export does not contain order A2

  Scenario: Amounts stay in the order's own currency
    Given an order B1 paid at 2026-11-10T12:00:00+01:00 for 120.00 USD
    When finance exports 2026-11
    Then the export contains order B1 for 120.00 USD

  Scenario: Pending and failed payments never appear
    Given an order C1 whose payment is pending since 2026-11-05T09:00:00+01:00 for 15.00 EUR
    And an order C2 whose payment is failed since 2026-11-05T09:05:00+01:00 for 15.00 EUR
    When finance exports 2026-11
    Then the export does not contain order C1
    And the export does not contain order C2

  Scenario: A refunded order stays in the month it was paid
    Given an order D1 paid at 2026-11-20T18:00:00+01:00 for 80.00 EUR
    And order D1 was refunded at 2026-12-02T10:00:00+01:00
    When finance exports 2026-11
    Then the export contains order D1 for 80.00 EUR
