# Acceptance criteria for ticket FIN-88, "add CSV export of orders", after the conversation with finance.
#
# What finance said:
#   - "The month" is the calendar month in Berlin when the payment was captured; our books are German.
#   - Amounts stay in the order's own currency; finance converts at the month-end rate themselves.
#   - Only paid orders. Pending and failed payments never appear.
#   - A refunded order still appears in the month it was paid; refunds are booked separately.
#
# The step vocabulary the team's step definitions understand (times are ISO 8601 with their offset):
#   Given an order <id> paid at <time> for <amount> <currency>
#   Given an order <id> whose payment is pending|failed since <time> for <amount> <currency>
#   Given order <id> was refunded at <time>
#   When finance exports <YYYY-MM>
#   Then the export contains order <id> for <amount> <currency>
#   Then the export does not contain order <id>
# "And" and "But" continue the previous step's kind.

Feature: Monthly export of paid orders for finance

  Scenario: An order paid late on the last day of the month
    Given an order A1 paid at 2026-10-31T23:59:00+01:00 for 49.90 EUR
    When finance exports 2026-10
    Then the export contains order A1 for 49.90 EUR
