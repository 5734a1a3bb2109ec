# app/models/item.rb and its migration. Only syntax-checked (`ruby -c`).
# --8<-- [start:model]
class Item < ApplicationRecord
  # The columns (id, name, price_cents) come from the database schema, not from this file.
  validates :name, presence: true
  validates :price_cents, numericality: { only_integer: true, greater_than_or_equal_to: 0 }
end

class CreateItems < ActiveRecord::Migration[8.1]
  def change
    create_table :items do |t|
      t.string :name, null: false
      t.integer :price_cents, null: false
      t.timestamps
    end
  end
end
# --8<-- [end:model]
