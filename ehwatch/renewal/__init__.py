"""renewal"""
